namespace TripleStore.PowerShell.Tests;

[Collection(ModuleCollection.Name)]
public sealed class ShutdownCmdletTests(ModuleFixture module)
{
    [Fact]
    public void Closing_the_runspace_during_an_import_leaves_a_consistent_store_with_all_or_nothing()
    {
        using var folder = new TempFolder();
        const int lines = 60_000;
        var data = folder.Write("big.nt", string.Concat(Enumerable.Range(0, lines).Select(i => $"<http://example.org/s{i}> <http://example.org/p> \"value {i}\" .\n")));
        var store = folder.File("store");

        var runspace = module.OpenRunspace();
        using (var ps = System.Management.Automation.PowerShell.Create())
        {
            ps.Runspace = runspace;
            ps.AddScript($"Open-TripleStore '{store}' | Out-Null; Import-Rdf '{data}'");
            var running = ps.BeginInvoke();
            SpinWait.SpinUntil(() => ps.Streams.Progress.Count > 0 || running.IsCompleted, TimeSpan.FromSeconds(60));
            runspace.Close(); // stops the pipeline, then closes the session's stores
            runspace.Dispose();
        }

        var run = module.Run($"""
            Open-TripleStore '{store}' | Out-Null
            (Get-TripleStoreStatistics).Quads
            (Test-TripleStore).IsConsistent
            """);

        Assert.Empty(run.Errors);
        Assert.Contains(run.Output[0].ToString(), new[] { "0", lines.ToString() });
        Assert.Equal("True", run.Output[1].ToString());
    }

    [Fact]
    public void Close_TripleStore_flushes_so_the_store_reopens_with_every_write()
    {
        using var folder = new TempFolder();
        var data = folder.Write("book.ttl", RdfSamples.ValidTurtle);
        var store = folder.File("store");

        var first = module.Run($"Open-TripleStore '{store}' | Out-Null; Import-Rdf '{data}' | Out-Null; Close-TripleStore; @(Get-TripleStore).Count");
        var second = module.Run($"Open-TripleStore '{store}' | Out-Null; (Get-TripleStoreStatistics).Quads;");

        Assert.Empty(first.Errors);
        Assert.Equal("0", first.Single().ToString());
        Assert.Empty(second.Errors);
        Assert.Equal(RdfSamples.ValidTurtleStatements.ToString(), second.Single().ToString());
    }
}
