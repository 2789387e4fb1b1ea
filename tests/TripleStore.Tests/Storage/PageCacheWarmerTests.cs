using System.Collections;
using TripleStore.Benchmarks.Lubm;
using TripleStore.Configuration;
using TripleStore.Reasoning;
using TripleStore.Storage;
using Xunit;

namespace TripleStore.Tests.Storage;

/// <summary>
/// RocksDB drops every SST file written for ingestion from Linux's page cache; the store reads the files of a
/// bulk import or a materialization back in the background, so that the queries after it are served from
/// memory (docs/tuning.md, WarmIngestedFilesBytes).
/// </summary>
public class PageCacheWarmerTests
{
    private static readonly TimeSpan ReadaheadTimeout = TimeSpan.FromSeconds(20);

    private static RdfStore Open(string path, long? warmBytes = null)
    {
        var values = new Dictionary<string, object?>();
        if (warmBytes is long bytes) values["WarmIngestedFilesBytes"] = bytes;
        return RdfStore.Open(path, StoreConfiguration.Resolve(options: values, environment: new Hashtable()).ToStoreOptions());
    }

    /// <summary>LUBM(1) as N-Triples and its ontology as Turtle: ~100,000 triples, files of several MB.</summary>
    private static string[] WriteLubm(TempFolder folder)
    {
        string data = folder.Combine("lubm1.nt");
        using (var writer = new StreamWriter(data)) new LubmGenerator(1, seed: 3).WriteNTriples(writer);
        string ontology = folder.Combine("univ-bench.ttl");
        File.WriteAllText(ontology, UnivBenchOntology.Turtle);
        return [data, ontology];
    }

    private static string[] SstFiles(string store) => Directory.GetFiles(store, "*.sst");

    [Fact]
    public void The_files_of_a_bulk_import_are_read_back_into_the_page_cache()
    {
        Assert.Equal(OperatingSystem.IsLinux(), PageCacheWarmer.Supported);
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        using var store = Open(path);
        store.Import(WriteLubm(folder));
        Assert.True(store.Database.Warming.Wait(ReadaheadTimeout));
        var files = SstFiles(path);
        Assert.NotEmpty(files);
        double resident = PageCacheProbe.WaitUntilResident(files, 0.95, ReadaheadTimeout);
        Assert.True(resident >= 0.95, $"{resident:P0} of the imported files is in the page cache");
    }

    [Fact]
    public void Closing_right_after_an_import_lets_a_short_warming_finish_for_the_next_process()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        var store = Open(path);
        var database = store.Database;
        store.Import(WriteLubm(folder));
        store.Dispose();
        Assert.True(database.Warming.IsCompleted);
        double resident = PageCacheProbe.WaitUntilResident(SstFiles(path), 0.95, ReadaheadTimeout);
        Assert.True(resident >= 0.95, $"{resident:P0} of the imported files is in the page cache");
    }

    [Fact]
    public void Without_warming_the_files_of_a_bulk_import_stay_on_disk()
    {
        // What the warming is for: RocksDB's SstFileWriter drops what it writes from the page cache.
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        using var store = Open(path, warmBytes: 0);
        store.Import(WriteLubm(folder));
        Assert.True(store.Database.Warming.IsCompleted);
        double resident = PageCacheProbe.ResidentFraction(SstFiles(path));
        Assert.True(resident < 0.5, $"{resident:P0} of the imported files is in the page cache");
    }

    [Fact]
    public void The_derived_files_of_a_full_materialization_are_read_back_into_the_page_cache()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        using (var load = Open(path, warmBytes: 0)) load.Import(WriteLubm(folder));
        var asserted = SstFiles(path).ToHashSet();
        using var store = Open(path);
        var result = store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Owl2Rl, Full = true });
        Assert.True(result.TotalDerived > 10_000);
        Assert.True(store.Database.Warming.Wait(ReadaheadTimeout));
        var derived = SstFiles(path).Where(f => !asserted.Contains(f)).ToArray();
        Assert.NotEmpty(derived);
        double resident = PageCacheProbe.WaitUntilResident(derived, 0.95, ReadaheadTimeout);
        Assert.True(resident >= 0.95, $"{resident:P0} of the derived files is in the page cache");
    }

    [Fact]
    public void Files_past_the_budget_are_left_cold()
    {
        using var folder = new TempFolder();
        var files = Enumerable.Range(0, 3).Select(i => WriteDropped(folder, $"part{i}.bin", 1 << 20)).ToArray();
        var warmer = PageCacheWarmer.Open(files, budgetBytes: (5L << 20) / 2);
        Assert.NotNull(warmer);
        Assert.Equal(2L << 20, warmer.Bytes);
        Assert.True(warmer.StartInBackground(CancellationToken.None).Wait(ReadaheadTimeout));
        double warmed = PageCacheProbe.WaitUntilResident(files[..2], 0.95, ReadaheadTimeout);
        Assert.True(warmed >= 0.95, $"{warmed:P0} of the files within the budget is in the page cache");
        Assert.True(PageCacheProbe.ResidentFraction(files[2]) < 0.5);
    }

    [Fact]
    public void A_canceled_warming_reads_nothing_and_a_zero_budget_opens_nothing()
    {
        using var folder = new TempFolder();
        string file = WriteDropped(folder, "part.bin", 1 << 20);
        Assert.Null(PageCacheWarmer.Open([file], budgetBytes: 0));
        var warmer = PageCacheWarmer.Open([file], budgetBytes: 1L << 30);
        Assert.NotNull(warmer);
        using var canceled = new CancellationTokenSource();
        canceled.Cancel();
        Assert.True(warmer.StartInBackground(canceled.Token).Wait(ReadaheadTimeout));
        Thread.Sleep(200);
        Assert.True(PageCacheProbe.ResidentFraction(file) < 0.5);
        // The handle was closed: the file can be replaced.
        File.Delete(file);
    }

    [Fact]
    public void The_budget_comes_from_the_configuration_and_a_read_only_store_warms_nothing()
    {
        var environment = new Hashtable { ["TRIPLESTORE_WARM_INGESTED_FILES_BYTES"] = "256MB" };
        Assert.Equal(256L << 20, StoreConfiguration.Resolve(environment: environment).WarmIngestedFilesBytes);
        Assert.Equal(8L << 30, StoreConfiguration.Resolve(environment: new Hashtable()).WarmIngestedFilesBytes);
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        using (var store = Open(path, warmBytes: 1L << 30)) Assert.Equal(1L << 30, store.Database.WarmIngestedFilesBytes);
        using var readOnly = RdfStore.Open(path, new StoreOptions { ReadOnly = true });
        Assert.Equal(0, readOnly.Database.WarmIngestedFilesBytes);
    }

    /// <summary>A file of random bytes, on disk and out of the page cache.</summary>
    private static string WriteDropped(TempFolder folder, string name, int length)
    {
        string path = folder.Combine(name);
        var bytes = new byte[length];
        new Random(length ^ name.Length).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        PageCacheProbe.Drop(path);
        Assert.True(PageCacheProbe.ResidentFraction(path) < 0.1, "the file system keeps dropped pages (tmpfs?)");
        return path;
    }
}
