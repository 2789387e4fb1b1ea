using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using TripleStore.Configuration;
using TripleStore.Sparql;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// The query engine warm-up: a store's open starts it (unless QueryEngineWarmup is off), it compiles the query
/// path so that a first query compiles almost nothing, and it never holds up or breaks closing a store. What a
/// first query compiles is measured in child processes, which start with nothing compiled.
/// </summary>
public sealed class QueryEngineWarmupTests
{
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public void AFirstQueryAfterTheWarmupCompilesAFractionOfWhatItDoesWithout()
    {
        var on = RunFirstQuery("on");
        var off = RunFirstQuery("off");

        Assert.Equal(4, on["rows"]);
        Assert.Equal(4, off["rows"]);
        // Without the warm-up the first query compiles its whole path (hundreds of methods: parser, optimizer,
        // operators, expressions); after it, what is left is first-use work outside the engine's reach.
        Assert.True(off["compiled"] > 300, $"without the warm-up the first query compiled only {off["compiled"]} methods");
        Assert.True(on["compiled"] * 5 < off["compiled"], $"after the warm-up the first query still compiled {on["compiled"]} methods (without: {off["compiled"]})");
        Assert.True(on["prepared"] > 5_000, $"the warm-up prepared only {on["prepared"]} methods");
    }

    [Fact]
    public void TheSettingTurnsTheWarmupOff()
    {
        var off = RunFirstQuery("off");

        Assert.Equal(0, off["started"]);
        Assert.Equal(0, off["prepared"]);
        Assert.Equal(4, off["rows"]);
    }

    [Fact]
    public void ClosingAStoreWhileTheWarmupRunsNeitherWaitsForItNorStopsIt()
    {
        using var folder = new TempFolder();
        using var child = ChildProcess.Start("warmup-dispose", folder.Path);
        var (exit, output, errors) = child.Complete(ChildTimeout);
        Assert.True(exit == 0, $"exit {exit}: {errors}");
        var values = Parse(output);

        Assert.Equal(1, values["running-at-close"]);
        Assert.True(values["close-ms"] < 5_000, $"closing took {values["close-ms"]} ms");
        Assert.Equal(4, values["rows"]);
        Assert.Equal(1, values["completed"]);
    }

    [Fact]
    public void StartRunsOncePerProcessAndCompletes()
    {
        var first = QueryEngineWarmup.Start();
        var second = QueryEngineWarmup.Start();

        Assert.Same(first, second);
        Assert.True(first.Wait(ChildTimeout), "the warm-up did not finish");
        Assert.True(QueryEngineWarmup.IsStarted);
        Assert.True(QueryEngineWarmup.IsCompleted);
        Assert.True(QueryEngineWarmup.MethodsPrepared > 5_000, $"prepared {QueryEngineWarmup.MethodsPrepared}");
        Assert.True(QueryEngineWarmup.Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public void TheSettingIsOffByDefaultAndReadFromTheEnvironment()
    {
        var none = new Hashtable();
        Assert.False(StoreConfiguration.Resolve(environment: none).QueryEngineWarmup);
        var environment = new Hashtable { ["TRIPLESTORE_QUERY_ENGINE_WARMUP"] = "true" };
        Assert.True(StoreConfiguration.Resolve(environment: environment).QueryEngineWarmup);
        var options = new Dictionary<string, object?> { ["QueryEngineWarmup"] = true };
        Assert.True(StoreConfiguration.Resolve(options: options, environment: none).ToStoreOptions().Configuration!.QueryEngineWarmup);
    }

    private static Dictionary<string, double> RunFirstQuery(string warmup)
    {
        using var folder = new TempFolder();
        using var child = ChildProcess.Start("warmup-first-query", folder.Path, warmup);
        var (exit, output, errors) = child.Complete(ChildTimeout);
        Assert.True(exit == 0, $"exit {exit}: {errors}");
        return Parse(output);
    }

    /// <summary>The child's <c>key=value</c> pairs; True and False read as 1 and 0.</summary>
    private static Dictionary<string, double> Parse(string output)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Match m in Regex.Matches(output, @"([\w-]+)=(\S+)"))
            values[m.Groups[1].Value] = m.Groups[2].Value switch
            {
                "True" => 1,
                "False" => 0,
                var number => double.Parse(number, CultureInfo.InvariantCulture),
            };
        return values;
    }
}
