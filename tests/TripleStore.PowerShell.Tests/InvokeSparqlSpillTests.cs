namespace TripleStore.PowerShell.Tests;

/// <summary>Invoke-Sparql over more rows than the store's MaxRowsInMemory: ORDER BY spills and completes.</summary>
[Collection(ModuleCollection.Name)]
public sealed class InvokeSparqlSpillTests(ModuleFixture module)
{
    [Fact]
    public void Order_by_over_more_rows_than_the_memory_limit_completes_in_order()
    {
        using var folder = new TempFolder();
        var lines = Enumerable.Range(0, 3000).Select(i => $"<http://example.org/s{i}> <http://example.org/n> \"{(i * 7919) % 3000}\"^^<http://www.w3.org/2001/XMLSchema#integer> .");
        var data = folder.Write("numbers.nt", string.Join("\n", lines) + "\n");
        var store = folder.File("store");
        var run = module.Run($$"""
            Open-TripleStore '{{store}}' -Option @{ MaxRowsInMemory = 1000 } | Out-Null
            Import-Rdf '{{data}}' | Out-Null
            Invoke-Sparql 'SELECT ?s ?n WHERE { ?s <http://example.org/n> ?n } ORDER BY DESC(?n)' | ForEach-Object { $_.n }
            Close-TripleStore
            """, location: folder.Path);

        Assert.Empty(run.Errors);
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => (long)(2999 - i)), run.Output.Select(o => (long)o.BaseObject));
        var spill = Path.Combine(store, "query-tmp");
        Assert.True(Directory.Exists(spill), "the query did not spill");
        Assert.Empty(Directory.GetFiles(spill));
    }

    [Fact]
    public void With_spilling_off_the_same_query_fails_naming_the_limit()
    {
        using var folder = new TempFolder();
        var lines = Enumerable.Range(0, 3000).Select(i => $"<http://example.org/s{i}> <http://example.org/n> \"{i}\" .");
        var data = folder.Write("numbers.nt", string.Join("\n", lines) + "\n");
        var run = module.Run($$"""
            Open-TripleStore '{{folder.File("store")}}' -Option @{ MaxRowsInMemory = 1000; SpillToDisk = $false } | Out-Null
            Import-Rdf '{{data}}' | Out-Null
            Invoke-Sparql 'SELECT ?s ?n WHERE { ?s <http://example.org/n> ?n } ORDER BY DESC(?n)' | Out-Null
            Close-TripleStore
            """, location: folder.Path);

        var error = Assert.Single(run.Errors);
        Assert.Equal("LimitExceeded", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("MaxRowsInMemory", error.Exception.Message);
    }
}
