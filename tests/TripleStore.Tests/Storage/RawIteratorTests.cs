using TripleStore.Rdf;
using TripleStore.Storage;
using Xunit;

namespace TripleStore.Tests.Storage;

/// <summary>
/// The direct native iterator walk against RocksDbSharp's: the same keys in the same order, over the whole
/// data family and over a bounded section, with the direct calls in use on Linux.
/// </summary>
public class RawIteratorTests
{
    [Fact]
    public void DirectCallsAreUsedOnLinux()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.True(RawIterator.IsDirect);
    }

    [Fact]
    public void RawWalkReadsTheKeysRocksDbSharpReads()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(Enumerable.Range(0, 3_000).Select(i => new Quad(
            new Iri($"http://example.org/s{i % 700}"), new Iri($"http://example.org/p{i % 9}"),
            i % 4 == 0 ? Literal.Simple($"text {i}") : new Iri($"http://example.org/o{i}"), i % 5 == 0 ? new Iri("http://example.org/g") : null)));
        var database = store.Database;
        var scanner = new QuadScanner(database.Db, database.Data, null);
        var section = new[] { (byte)QuadIndex.DefaultSpo.Section };
        foreach (var (lower, upper) in new[] { (new byte[] { 0 }, new byte[] { 0xFF }), (section, KeyRange.Successor(section)) })
        {
            var options = scanner.NewReadOptions(lower, upper);
            var expected = new List<byte[]>();
            using (var iterator = database.Db.NewIterator(database.Data, options))
                for (iterator.Seek(lower); iterator.Valid(); iterator.Next()) expected.Add(iterator.Key());
            var raw = new List<byte[]>();
            using (var iterator = database.Db.NewIterator(database.Data, options))
            {
                iterator.Seek(lower);
                for (var walk = new RawIterator(iterator); walk.Valid(); walk.Next()) raw.Add(walk.Key().ToArray());
            }
            GC.KeepAlive(options);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, raw);
        }
    }
}
