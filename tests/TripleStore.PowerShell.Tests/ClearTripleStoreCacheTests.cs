namespace TripleStore.PowerShell.Tests;

[Collection(ModuleCollection.Name)]
public sealed class ClearTripleStoreCacheTests(ModuleFixture module)
{
    [Fact]
    public void Repeated_queries_hit_the_cache_the_statistics_show_it_and_Clear_empties_it()
    {
        using var folder = new TempFolder();
        var data = folder.Write("book.ttl", RdfSamples.ValidTurtle);

        var run = module.Run($$"""
            Open-TripleStore '{{folder.File("store")}}' | Out-Null
            Import-Rdf '{{data}}' | Out-Null
            1..3 | ForEach-Object { Invoke-Sparql 'SELECT * { ?s ?p ?o }' | Out-Null }
            $before = Get-TripleStoreStatistics
            $before.ResultCacheEntries
            $before.ResultCacheHits
            $before.ResultCacheMisses
            $before.ResultCacheBytes -gt 0
            Clear-TripleStoreCache -WhatIf
            (Get-TripleStoreStatistics).ResultCacheEntries
            $info = Clear-TripleStoreCache -PassThru -Confirm:$false
            $info.GetType().FullName
            $info.EntriesRemoved
            $info.BytesFreed -gt 0
            $after = Get-TripleStoreStatistics
            $after.ResultCacheEntries
            $after.ResultCacheHits
            @(Clear-TripleStoreCache).Count
            Close-TripleStore
            """);

        Assert.Empty(run.Errors.Select(e => e.ToString()));
        Assert.Equal(new[] { "1", "2", "1", "True", "1", "TripleStore.PowerShell.TripleStoreCacheInfo", "1", "True", "0", "0", "0" },
            run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Clear_without_an_open_store_is_a_StoreClosed_error()
    {
        var run = module.Run("Close-TripleStore -All; Clear-TripleStoreCache");

        Assert.Contains(run.Errors, e => e.FullyQualifiedErrorId.StartsWith("StoreClosed", StringComparison.Ordinal));
    }
}
