using TripleStore.Reasoning;
using TripleStore.Storage;
using TripleStore.Tests.Reasoning;
using Xunit;

namespace TripleStore.Tests.Storage;

/// <summary>
/// The families that receive ingested files (the data of imports, the derived triples of full
/// materializations) delay RocksDB's rewrite of freshly ingested bottommost files, so that rewrite does not
/// compete with the work that follows an import; the setting must reach RocksDB for both families.
/// </summary>
public class IngestedFileCompactionTests
{
    [Fact]
    public void DataAndDerivedFamiliesDelayTheRewriteOfIngestedFiles()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        using (var store = RdfStore.Open(path))
        {
            store.AddRange(ReasoningTestData.Parse(":A rdfs:subClassOf :B . :x a :A .").Select(t => t.InGraph(null)));
            Assert.True(store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs }).TotalDerived > 0);
        }
        // RocksDB writes the options in force to an OPTIONS file whenever they change (open, a new family).
        string latest = Directory.GetFiles(path, "OPTIONS-*").OrderBy(f => int.Parse(Path.GetFileName(f)["OPTIONS-".Length..])).Last();
        var delays = new Dictionary<string, string>();
        string? family = null;
        foreach (var line in File.ReadLines(latest).Select(l => l.Trim()))
        {
            if (line.StartsWith("[CFOptions \"", StringComparison.Ordinal)) family = line["[CFOptions \"".Length..^2];
            else if (line.StartsWith('[')) family = null;
            else if (family is not null && line.StartsWith("bottommost_file_compaction_delay=", StringComparison.Ordinal))
                delays[family] = line["bottommost_file_compaction_delay=".Length..];
        }
        string expected = StoreDatabase.BottommostFileCompactionDelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, delays["data"]);
        // A full run writes a generation of the derived family named after it.
        Assert.Equal(expected, Assert.Single(delays, d => DerivedFactStore.IsFamilyName(d.Key)).Value);
    }
}
