using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TripleStore.Tests.Remote;

namespace TripleStore.PowerShell.Tests;

/// <summary>
/// Open-TripleStore -RedisCache in front of a remote store (this module's own server, in the same
/// runspace) with a private redis-server: two store objects share results, writes through the cmdlets
/// invalidate them for both, and Redis dying mid-run costs one warning and a Degraded health check.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class RedisCacheCmdletTests(ModuleFixture module) : IDisposable
{
    private readonly RedisServer _redis = new();
    private readonly TempFolder _folder = new();

    private const string Setup = """
        $local = Open-TripleStore $args[0]
        Add-Triple 'http://example.org/a' 'http://example.org/rank' 1 | Out-Null
        Add-Triple 'http://example.org/b' 'http://example.org/rank' 2 | Out-Null
        $server = Start-TripleStoreServer -Port 0 -ApiKey k
        # The server counts a request once it has answered it: read the count when it has settled.
        $requests = { $last = -1; while ($true) { $n = $server.RequestCount; if ($n -eq $last) { return $n }; $last = $n; Start-Sleep -Milliseconds 100 } }
        $count = { param($s) (Invoke-Sparql -Store $s 'SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.org/rank> ?o }').n }
        """;

    private static (List<PSObject> Output, List<ErrorRecord> Errors, List<string> Warnings) Invoke(Runspace runspace, string script, params object[] arguments)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        foreach (var argument in arguments) ps.AddArgument(argument);
        var output = ps.Invoke();
        return (output.ToList(), ps.Streams.Error.ToList(), ps.Streams.Warning.Select(w => w.Message).ToList());
    }

    [Fact]
    public void Two_stores_share_results_through_Redis_and_every_write_cmdlet_invalidates_them()
    {
        var data = _folder.Write("more.nt", "<http://example.org/d> <http://example.org/rank> \"4\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n<http://example.org/e> <http://example.org/rank> \"5\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
        var run = module.Run(Setup + $$"""

            $a = Open-TripleStore -Endpoint $server.SparqlEndpoint -Header @{ 'X-API-Key' = 'k' } -RedisCache '{{_redis.Connection}}' -Option @{ RedisCacheKeyPrefix = 'ps-share'; RedisCacheTimeout = '5s' }
            $b = Open-TripleStore -Endpoint $server.SparqlEndpoint -Header @{ 'X-API-Key' = 'k' } -RedisCache '{{_redis.Connection}}' -Option @{ RedisCacheKeyPrefix = 'ps-share'; RedisCacheTimeout = '5s' }
            "a=" + (& $count $a)
            $before = & $requests
            "b=" + (& $count $b) + " requests=" + ((& $requests) - $before)
            Add-Triple -Store $a 'http://example.org/c' 'http://example.org/rank' 3 | Out-Null
            "add=" + (& $count $b)
            Remove-Triple -Store $b 'http://example.org/a' 'http://example.org/rank' 1 -Confirm:$false | Out-Null
            "remove=" + (& $count $a)
            Import-Rdf -Store $a '{{data}}' | Out-Null
            "import=" + (& $count $b)
            Invoke-Sparql -Store $b 'DELETE DATA { <http://example.org/b> <http://example.org/rank> 2 }' | Out-Null
            "update=" + (& $count $a)
            Clear-TripleStore -Store $a -All -Confirm:$false | Out-Null
            "clear=" + (& $count $b)
            $stats = Get-TripleStoreStatistics -Store $b
            "stats=$($stats.RedisCache) hits=$($stats.RedisCacheHits) invalidations=$($stats.RedisCacheInvalidations)"
            "state=" + $a.RedisCacheState
            $redis = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'StackExchange.Redis' }
            "alc=" + (@($redis | ForEach-Object { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }) -join ',')
            Close-TripleStore -Store $a
            Close-TripleStore -Store $b
            """, _folder.File("store"));

        Assert.True(run.Errors.Count == 0, string.Join("\n", run.Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e.Exception.Message}")));
        Assert.Empty(run.Warnings);
        Assert.Equal(["a=2", "b=2 requests=0", "add=3", "remove=2", "import=4", "update=3", "clear=0", "stats=Connected hits=1 invalidations=2", "state=Connected", "alc=TripleStore.Engine"],
            run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Redis_dying_mid_run_writes_one_warning_leaves_queries_working_and_health_Degraded_until_it_is_back()
    {
        using var runspace = module.OpenRunspace();
        var opened = Invoke(runspace, Setup + $$"""

            $r = Open-TripleStore -Endpoint $server.SparqlEndpoint -RedisCache '{{_redis.Connection}}' -Option @{ RedisCacheTimeout = '5s'; RedisCacheRetryInterval = '300ms' }
            & $count $r
            & $count $r
            $before = & $requests
            & $count $r
            (& $requests) - $before
            """, _folder.File("store"));
        Assert.Empty(opened.Errors);
        Assert.Equal(["2", "2", "2", "0"], opened.Output.Select(o => o.ToString()));

        _redis.Kill();
        var down = Invoke(runspace, """
            1..3 | ForEach-Object { & $count $r }
            Add-Triple 'http://example.org/c' 'http://example.org/rank' 3 -Store $local | Out-Null
            & $count $r
            $health = Get-TripleStoreHealth -Store $r
            "health=" + $health.Status
            $check = $health.Checks | Where-Object Name -eq 'RedisCache'
            "check=" + $check.Status + " " + $check.Value
            $check.Detail
            "stats=" + (Get-TripleStoreStatistics -Store $r).RedisCache
            """);
        Assert.True(down.Errors.Count == 0, string.Join("\n", down.Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e.Exception.Message}")));
        Assert.Equal(["2", "2", "2", "3", "health=Degraded", "check=Degraded unavailable"], down.Output.Take(6).Select(o => o.ToString()));
        Assert.Contains(_redis.Connection, down.Output[6].ToString());
        Assert.Equal("stats=Unavailable", down.Output[7].ToString());
        var warning = Assert.Single(down.Warnings);
        Assert.Contains("Redis", warning);
        Assert.Contains("unavailable", warning);

        _redis.Start();
        var back = Invoke(runspace, """
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while ((Get-TripleStoreHealth -Store $r).Status -ne 'Healthy' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            "health=" + (Get-TripleStoreHealth -Store $r).Status
            & $count $r
            $before = & $requests
            & $count $r
            "requests=" + ((& $requests) - $before)
            Close-TripleStore -Store $r
            """);
        Assert.True(back.Errors.Count == 0, string.Join("\n", back.Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e.Exception.Message}")));
        Assert.Equal(["health=Healthy", "3", "3", "requests=0"], back.Output.Select(o => o.ToString()));
        Assert.Empty(back.Warnings);
    }

    [Fact]
    public void Opening_with_Redis_down_warns_once_and_embedded_only_options_are_refused()
    {
        _redis.Kill();
        var run = module.Run(Setup + $$"""

            $r = Open-TripleStore -Endpoint $server.SparqlEndpoint -RedisCache '{{_redis.Connection}}' -Option @{ RedisCacheTimeout = '300ms' }
            & $count $r
            & $count $r
            "state=" + $r.RedisCacheState
            Open-TripleStore -Endpoint $server.SparqlEndpoint -Option @{ BlockCacheBytes = '1GB' }
            """, _folder.File("store"));

        Assert.Equal(["2", "2", "state=Unavailable"], run.Output.Take(3).Select(o => o.ToString()));
        var warning = Assert.Single(run.Warnings);
        Assert.Contains(_redis.Connection, warning);
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("ConfigurationInvalid", error.FullyQualifiedErrorId);
        Assert.Contains("BlockCacheBytes", error.Exception.Message);
    }

    public void Dispose()
    {
        _redis.Dispose();
        _folder.Dispose();
    }
}
