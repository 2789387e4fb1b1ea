using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Storage;
using Xunit;

namespace TripleStore.Tests.Storage;

public class ProcessAndFormatTests
{
    [Fact]
    public void A_second_process_cannot_open_the_store_for_writing_but_can_read_it()
    {
        using var folder = new TempFolder();
        using var child = ChildProcess.Start("hold-store", folder.Path);
        child.WaitFor("ready", TimeSpan.FromSeconds(60));

        var e = Assert.Throws<TripleStoreException>(() => RdfStore.Open(folder.Path));
        Assert.Equal(ErrorCodes.StoreLocked, e.ErrorCode);
        Assert.Equal(ErrorKind.StoreLocked, e.Kind);
        Assert.Contains($"store at {folder.Path} is in use by process {child.Id}", e.Message);

        var reader = RdfStore.Open(folder.Path, new StoreOptions { ReadOnly = true });
        try
        {
            using var snapshot = reader.OpenSnapshot();
            var quad = Assert.Single(snapshot.Match(null, null, null, GraphSelector.All));
            Assert.Equal(Literal.Simple("written by the child"), quad.Object);
        }
        finally
        {
            reader.Dispose();
        }

        Assert.Equal(0, child.Finish(TimeSpan.FromSeconds(30)));
        var store = RdfStore.Open(folder.Path);
        store.Dispose();
    }

    [Fact]
    public void The_same_process_cannot_open_a_store_twice_for_writing()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Path);
        try
        {
            var e = Assert.Throws<TripleStoreException>(() => RdfStore.Open(folder.Path));
            Assert.Equal(ErrorCodes.StoreLocked, e.ErrorCode);
            Assert.Contains($"in use by process {Environment.ProcessId}", e.Message);
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void A_store_of_an_unknown_format_version_is_refused_and_left_untouched()
    {
        using var folder = new TempFolder();
        var quad = new Quad(StoreTestData.Ex("s"), StoreTestData.Ex("p"), StoreTestData.Ex("o"));
        var store = RdfStore.Open(folder.Path);
        try
        {
            store.Add(quad);
        }
        finally
        {
            store.Dispose();
        }
        var database = StoreDatabase.Open(folder.Path, new StoreOptions());
        try
        {
            database.WriteFormatVersion("999");
        }
        finally
        {
            database.Dispose();
        }
        var filesBefore = Snapshot(folder.Path);

        var e = Assert.Throws<TripleStoreException>(() => RdfStore.Open(folder.Path));
        Assert.Equal(ErrorCodes.StoreFormat, e.ErrorCode);
        Assert.Contains("format version 999", e.Message);
        Assert.Equal(ErrorCodes.StoreFormat, Assert.Throws<TripleStoreException>(() => RdfStore.Open(folder.Path, new StoreOptions { ReadOnly = true })).ErrorCode);
        Assert.Equal(filesBefore, Snapshot(folder.Path));
    }

    [Fact]
    public void A_rocksdb_database_that_is_not_a_store_is_refused()
    {
        using var folder = new TempFolder();
        var options = new RocksDbSharp.DbOptions().SetCreateIfMissing(true);
        RocksDbSharp.RocksDb.Open(options, folder.Path).Dispose();
        var e = Assert.Throws<TripleStoreException>(() => RdfStore.Open(folder.Path));
        Assert.Equal(ErrorCodes.StoreFormat, e.ErrorCode);
    }

    // Names and sizes of the database's files (the lock and pid files belong to whoever opens it).
    private static Dictionary<string, long> Snapshot(string path) =>
        new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => !f.Name.StartsWith("triplestore.", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(path, f.FullName), f => f.Length);
}
