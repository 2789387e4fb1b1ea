using Xunit;
using TripleStore.Rdf;
using TripleStore.Dataset;
using TripleStore.Operations;
using TripleStore.Tests.Storage;
using static TripleStore.Tests.Operations.OperationsTestData;

namespace TripleStore.Tests.Operations;

public class ShutdownTests
{
    [Fact]
    public void StoreKilledDuringWritesReopensConsistent()
    {
        using var temp = new TempFolder();
        string path = temp.Combine("store");
        using (var child = ChildProcess.Start("write-forever", path))
        {
            child.WaitFor("writing", TimeSpan.FromSeconds(60));
            Thread.Sleep(200);
            child.Kill();
        }
        using var store = RdfStore.Open(path);
        long count = store.Count();
        Assert.True(count >= 2100, $"only {count} quads survived");
        Assert.Equal(0, count % 100); // each batch is atomic: all of it or none
        var report = IntegrityChecker.Check(store);
        Assert.True(report.IsConsistent, string.Join("; ", report.Problems));
        Assert.Equal(count, report.QuadsChecked);
        Assert.Equal(count, AllQuads(store).Count);
    }

    [Fact]
    public void CloseWaitsForARunningWriteAndKeepsIt()
    {
        using var temp = new TempFolder();
        string path = temp.Combine("store");
        var store = RdfStore.Open(path);
        using var started = new ManualResetEventSlim();
        var writer = Task.Run(() => store.AddRange(Started(started).Concat(Range(1, 20_000))));
        started.Wait();
        store.Dispose(); // must wait for the write in progress, not cut it off
        long added = writer.Result;
        using var reopened = RdfStore.Open(path);
        Assert.Equal(added, reopened.Count());
        Assert.Equal(20_001, added);
        Assert.True(IntegrityChecker.Check(reopened).IsConsistent);
    }

    private static IEnumerable<Quad> Started(ManualResetEventSlim started)
    {
        yield return Numbered(0);
        started.Set();
        Thread.Sleep(50);
    }
}
