using System.Management.Automation;

namespace TripleStore.PowerShell.Tests;

[Collection(ModuleCollection.Name)]
public sealed class InvokeTripleStoreBenchmarkTests(ModuleFixture module)
{
    [Fact]
    public void A_tiny_BSBM_run_writes_typed_results_files_and_progress_and_compares_with_a_baseline()
    {
        using var folder = new TempFolder();
        var outFile = folder.File("bsbm.json");
        var data = folder.File("data");

        var run = module.Run($$"""
            $r = Invoke-TripleStoreBenchmark -Benchmark BSBM -Scale 100 -Warmup 0 -Iterations 1 -Clients 2 -OutFile '{{outFile}}' -DataPath '{{data}}'
            $r.GetType().FullName
            $r.Completed
            $r.CountsVerified
            $r.LoadedTriples
            $r.Queries.Count
            $r.Queries[0].GetType().FullName
            $r.Queries[0].Query
            $r.ConcurrentQueries.Count
            ($r.MixesPerHour -gt 0)
            Test-Path $r.CsvPath
            $b = Invoke-TripleStoreBenchmark BSBM 100 -Warmup 0 -Iterations 1 -Baseline '{{outFile}}' -Threshold 100 -DataPath '{{data}}'
            ($b.Comparison.Count -gt 20)
            $b.Regressions.Count
            ($r | Out-String) -match 'BSBM'
            """);

        Assert.Empty(run.Errors.Select(e => e.ToString()));
        Assert.Equal(
            new[] { "TripleStore.PowerShell.Benchmarks.BenchmarkRunResult", "True", "True", "36550", "12",
                    "TripleStore.PowerShell.Benchmarks.BenchmarkQueryTiming", "Q1", "12", "True", "True", "True", "0", "True" },
            run.Output.Select(o => o.ToString()));
        Assert.Contains(run.Progress, p => p.Activity.Contains("BSBM(100)") && p.StatusDescription.StartsWith("Queries"));
        Assert.Contains("\"CountsVerified\": true", File.ReadAllText(outFile));
    }

    [Fact]
    public void With_ResultCache_the_repeated_mix_is_answered_from_the_cache_and_without_it_nothing_is()
    {
        using var folder = new TempFolder();
        var data = folder.File("data");

        // Ten warm-up mixes are the whole pool, so the measured mix repeats the first: every query is a hit.
        var run = module.Run($$"""
            $on = Invoke-TripleStoreBenchmark BSBM 20 -Warmup 10 -Iterations 1 -ResultCache -DataPath '{{data}}'
            $on.ResultCache
            $on.CacheHitRatio
            $off = Invoke-TripleStoreBenchmark BSBM 20 -Warmup 10 -Iterations 1 -DataPath '{{data}}'
            $off.ResultCache
            $null -eq $off.CacheHitRatio
            ($on | Format-List | Out-String) -match 'ResultCache\s+: on: 100'
            """);

        Assert.Empty(run.Errors.Select(e => e.ToString()));
        Assert.Equal(new[] { "True", "1", "False", "True", "True" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Bad_arguments_and_a_baseline_of_another_scale_are_errors_with_codes()
    {
        using var folder = new TempFolder();
        var baseline = folder.Write("lubm5.json", """{ "Benchmark": "BSBM", "Scale": 5 }""");

        var run = module.Run($$"""
            try { Invoke-TripleStoreBenchmark -Benchmark TPCH } catch { $_.FullyQualifiedErrorId }
            try { Invoke-TripleStoreBenchmark -Benchmark BSBM -Iterations 0 } catch { $_.FullyQualifiedErrorId }
            Invoke-TripleStoreBenchmark -Benchmark BSBM -Scale 20 -Warmup 0 -Iterations 1 -Baseline '{{baseline}}' -ErrorVariable e -ErrorAction SilentlyContinue | ForEach-Object { $_.Completed }
            $e[0].FullyQualifiedErrorId
            try { Invoke-TripleStoreBenchmark -Benchmark BSBM -Baseline '{{folder.File("missing.json")}}' } catch { $_.FullyQualifiedErrorId }
            Invoke-TripleStoreBenchmark -Benchmark LUBM -StorePath '{{folder.File("never")}}' -WhatIf
            Test-Path '{{folder.File("never")}}'
            """);

        Assert.Equal(new[]
        {
            "ParameterArgumentValidationError,TripleStore.PowerShell.Commands.InvokeTripleStoreBenchmarkCommand",
            "ParameterArgumentValidationError,TripleStore.PowerShell.Commands.InvokeTripleStoreBenchmarkCommand",
            "True",
            "ConfigurationInvalid,TripleStore.PowerShell.Commands.InvokeTripleStoreBenchmarkCommand",
            "FileNotFound,TripleStore.PowerShell.Commands.InvokeTripleStoreBenchmarkCommand",
            "False",
        }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Stopping_the_pipeline_keeps_the_partial_result_in_the_out_file()
    {
        using var folder = new TempFolder();
        var outFile = folder.File("partial.json");
        using var runspace = module.OpenRunspace();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript($"Invoke-TripleStoreBenchmark -Benchmark BSBM -Scale 100 -Warmup 0 -Iterations 100000 -OutFile '{outFile}'");

        var running = ps.BeginInvoke();
        Assert.True(SpinWait.SpinUntil(() => ps.Streams.Progress.Any(p => p.StatusDescription.StartsWith("Queries")), TimeSpan.FromMinutes(3)));
        ps.Stop();

        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        var json = File.ReadAllText(outFile);
        Assert.Contains("\"Completed\": false", json);
        Assert.Contains("\"Canceled\": true", json);
        Assert.Contains("\"Load\": {", json);
        Assert.Contains("\"Name\": \"Q1\"", json);
    }
}
