namespace TripleStore.PowerShell.Tests;

[Collection(ModuleCollection.Name)]
public sealed class ResultCacheWarmingCmdletTests(ModuleFixture module)
{
    [Fact]
    public void With_ResultCacheWarmOnOpen_a_reopened_store_answers_the_saved_query_from_the_cache_and_the_statistics_show_it()
    {
        using var folder = new TempFolder();
        var data = folder.Write("book.ttl", RdfSamples.ValidTurtle);
        var store = folder.File("store");

        var run = module.Run($$"""
            $o = @{ ResultCacheWarmOnOpen = $true; ResultCacheWarmQueries = 10 }
            Open-TripleStore '{{store}}' -Option $o | Out-Null
            Import-Rdf '{{data}}' | Out-Null
            1..3 | ForEach-Object { Invoke-Sparql 'SELECT * { ?s ?p ?o }' | Out-Null }
            Close-TripleStore
            Test-Path '{{store}}/result-cache-warm.json'
            Open-TripleStore '{{store}}' -Option $o | Out-Null
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ((Get-TripleStoreStatistics).ResultCacheWarmed -lt 1 -and [DateTime]::UtcNow -lt $deadline) { [System.Threading.Thread]::Sleep(50) }
            $s = Get-TripleStoreStatistics
            $s.ResultCacheWarmed
            $s.ResultCacheHits
            Invoke-Sparql 'SELECT * { ?s ?p ?o }' | Out-Null
            (Get-TripleStoreStatistics).ResultCacheHits
            (Get-TripleStoreStatistics | Out-String) -match 'ResultCacheWarmed'
            Close-TripleStore
            """);

        Assert.Empty(run.Errors.Select(e => e.ToString()));
        Assert.Equal(new[] { "True", "1", "0", "1", "True" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void A_corrupt_warm_file_is_a_warning_on_open_and_a_bad_setting_is_a_configuration_error()
    {
        using var folder = new TempFolder();
        var store = folder.File("store");

        var run = module.Run($$"""
            Open-TripleStore '{{store}}' | Out-Null
            Close-TripleStore
            [System.IO.File]::WriteAllText('{{store}}/result-cache-warm.json', 'not json')
            Open-TripleStore '{{store}}' -Option @{ ResultCacheWarmOnOpen = 'true' } | Out-Null
            Invoke-Sparql 'ASK { ?s ?p ?o }'
            Close-TripleStore
            Open-TripleStore '{{store}}' -Option @{ ResultCacheWarmQueries = 0 } -ErrorAction SilentlyContinue -ErrorVariable e | Out-Null
            $e[0].FullyQualifiedErrorId
            """);

        Assert.Contains(run.Warnings, w => w.StartsWith("Ignored the result cache warm file", StringComparison.Ordinal));
        Assert.Equal("False", run.Output[0].ToString());
        Assert.StartsWith("ConfigurationInvalid", run.Output[1].ToString(), StringComparison.Ordinal);
    }
}
