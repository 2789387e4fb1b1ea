using System.Collections;
using System.Diagnostics;
using System.Globalization;
using TripleStore.Configuration;
using TripleStore.Rdf;
using TripleStore.Sparql;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// The child-process side of <see cref="QueryEngineWarmupTests"/>: a fresh process has compiled nothing yet, so
/// what its first query compiles is what the warm-up did or did not do.
/// </summary>
public static class QueryEngineWarmupChild
{
    /// <summary>A query that goes through the parser, the optimizer, a BGP join, FILTER, OPTIONAL, grouping and ORDER BY.</summary>
    public const string Query = """
        PREFIX ex: <http://example.org/>
        SELECT ?type (COUNT(?s) AS ?n) (MAX(?v) AS ?top)
        WHERE {
          ?s a ?type ; ex:value ?v .
          OPTIONAL { ?s ex:label ?label }
          FILTER (?v > 3 && !BOUND(?missing))
        }
        GROUP BY ?type
        ORDER BY DESC(?n) ?type
        """;

    /// <summary>
    /// <c>warmup-first-query &lt;folder&gt; on|off</c>: opens a store with the warm-up on or off, fills it, waits for
    /// the warm-up when on, runs <see cref="Query"/> once and prints what the query's thread compiled.
    /// </summary>
    public static int FirstQuery(string folder, bool warmup)
    {
        using var store = RdfStore.Open(folder, OptionsWith(warmup));
        store.AddRange(Data());
        if (warmup)
        {
            if (!QueryEngineWarmup.Start().Wait(TimeSpan.FromMinutes(5))) return 3;
        }
        long methods = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
        var jit = System.Runtime.JitInfo.GetCompilationTime(currentThread: true);
        int rows = ((SolutionSequence)store.Query(Query)).Count();
        methods = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true) - methods;
        jit = System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - jit;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows={rows} compiled={methods} jit-ms={jit.TotalMilliseconds:0.0} started={QueryEngineWarmup.IsStarted} prepared={QueryEngineWarmup.MethodsPrepared}"));
        return 0;
    }

    /// <summary>
    /// <c>warmup-dispose &lt;folder&gt;</c>: opens a store and closes it at once, while the warm-up has just started,
    /// then opens it again and queries; prints how long the close took and whether the warm-up was still running.
    /// </summary>
    public static int DisposeDuringWarmup(string folder)
    {
        var store = RdfStore.Open(folder, OptionsWith(warmup: true));
        store.AddRange(Data());
        bool running = !QueryEngineWarmup.IsCompleted;
        var clock = Stopwatch.StartNew();
        store.Dispose();
        double closeMs = clock.Elapsed.TotalMilliseconds;
        using var again = RdfStore.Open(folder, OptionsWith(warmup: true));
        int rows = ((SolutionSequence)again.Query(Query)).Count();
        bool completed = QueryEngineWarmup.Start().Wait(TimeSpan.FromMinutes(5));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"running-at-close={running} close-ms={closeMs:0} rows={rows} completed={completed}"));
        return 0;
    }

    private static StoreOptions OptionsWith(bool warmup) =>
        StoreConfiguration.Resolve(options: new Dictionary<string, object?> { ["QueryEngineWarmup"] = warmup }, environment: new Hashtable())
            .ToStoreOptions();

    private static IEnumerable<Quad> Data()
    {
        var type = new Iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
        var value = new Iri("http://example.org/value");
        var label = new Iri("http://example.org/label");
        for (int i = 0; i < 200; i++)
        {
            var s = new Iri($"http://example.org/s{i}");
            yield return new Quad(s, type, new Iri($"http://example.org/T{i % 4}"));
            yield return new Quad(s, value, Literal.Typed((i % 10).ToString(CultureInfo.InvariantCulture), Xsd.Integer));
            if (i % 3 == 0) yield return new Quad(s, label, Literal.Simple($"item {i}"));
        }
    }
}
