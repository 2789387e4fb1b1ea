using System.Diagnostics;
using TripleStore.Benchmarks.Lubm;
using TripleStore.Formats;
using TripleStore.Rdf;
using TripleStore.Reasoning;

namespace TripleStore.Tests.Reasoning;

/// <summary>
/// A measurement, not a test: <c>dotnet exec TripleStore.Tests.dll reasoning-reopen-bench &lt;folder&gt; &lt;universities&gt;</c>
/// materializes LUBM(n) under OWL 2 RL, closes the store, reopens it, inserts 1,000 triples and runs the
/// incremental materialization (which first reloads the closure from the store), then deletes them again.
/// Prints wall and CPU (user+sys) time of each step.
/// </summary>
internal static class ReopenBenchmark
{
    public static int Run(string folder, int universities)
    {
        string path = Path.Combine(folder, "store");
        using (var store = RdfStore.Open(path))
        {
            using (var reader = RdfParser.Create(new StringReader(UnivBenchOntology.Turtle), RdfFormat.Turtle))
                store.Import([reader]);
            store.ImportQuads(new LubmGenerator(universities).Generate());
            Console.WriteLine($"asserted: {store.Count()}");
            Measure("full OWL 2 RL", () => store.Materialize());
        }
        var type = RdfVocabulary.Type;
        var added = Enumerable.Range(0, 1000).Select(i => new Quad(new Iri($"http://example.org/new{i}"), type,
            new Iri("http://swat.cse.lehigh.edu/onto/univ-bench.owl#GraduateStudent"))).ToList();
        using (var store = RdfStore.Open(path))
        {
            Console.WriteLine($"status after reopen: stale={store.ReasoningStatus.IsStale} derived={store.ReasoningStatus.DerivedCount}");
            store.AddRange(added);
            Measure("reopen + insert 1000 + incremental (incl. reload)", () => store.Materialize());
            store.RemoveRange(added);
            Measure("delete 1000 + incremental (closure in memory)", () => store.Materialize());
        }
        return 0;
    }

    private static void Measure(string what, Func<MaterializeResult> run)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = run();
        clock.Stop();
        process.Refresh();
        Console.WriteLine($"{what}: wall {clock.Elapsed.TotalSeconds:N3} s, cpu {(process.TotalProcessorTime - cpu).TotalSeconds:N3} s, " +
            $"incremental={result.Incremental} derived={result.Derived} removed={result.Removed} total={result.TotalDerived}");
    }
}
