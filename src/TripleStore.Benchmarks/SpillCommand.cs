using System.Diagnostics;
using System.Globalization;
using TripleStore.Rdf;
using TripleStore.Sparql;

namespace TripleStore.Benchmarks;

/// <summary>
/// <c>spill --store folder [--rows 1000000] [--limit 100000] [--query order|distinct|group|join|minus] [--no-spill]</c>: times one
/// memory-bound query over <c>rows</c> solutions with <c>limit</c> rows in memory, reading every result row,
/// and prints wall time, process CPU time, peak working set and the spill folder's peak size. Run the load
/// (first use of a store) and each measurement in separate processes, so the peak is the query's own.
/// </summary>
public sealed class SpillCommand : IBenchmarkCommand
{
    public string Name => "spill";

    public string Description =>
        "spill --store folder [--rows 1000000] [--limit 100000] [--query order|distinct|group|join|minus] [--no-spill]  (ORDER BY/DISTINCT/GROUP BY/hash join/MINUS past the row limit)";

    public int Run(string[] args)
    {
        var options = CommandLineOptions.Parse(args, "no-spill");
        string storePath = options.RequiredString("store");
        int rows = options.Int("rows", 1_000_000, min: 1);
        int limit = options.Int("limit", 100_000, min: 1);
        string kind = (options.String("query") ?? "order").ToLowerInvariant();
        bool noSpill = options.Has("no-spill");
        options.RejectUnknown();

        bool fresh = !Directory.Exists(storePath) || !Directory.EnumerateFileSystemEntries(storePath).Any();
        using var store = RdfStore.Open(storePath);
        if (fresh)
        {
            var clock = Stopwatch.StartNew();
            var p = new Iri("http://example.org/n");
            var q = new Iri("http://example.org/label");
            // Values in a scrambled order, so the sort has real work; labels repeat, so DISTINCT and GROUP BY reduce.
            store.ImportQuads(Enumerable.Range(0, rows).SelectMany(i => new[]
            {
                new Quad(new Iri("http://example.org/s" + i), p, Literal.Typed(((i * 7_919L) % rows).ToString(CultureInfo.InvariantCulture), Xsd.Integer)),
                new Quad(new Iri("http://example.org/s" + i), q, Literal.Simple("label " + (i * 31L % (rows / 2 + 1)))),
            }));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Loaded {store.Count():N0} triples in {clock.Elapsed.TotalSeconds:0.0} s; run again to measure."));
            return 0;
        }

        string text = kind switch
        {
            "order" => "SELECT ?s ?n WHERE { ?s <http://example.org/n> ?n } ORDER BY DESC(?n)",
            "distinct" => "SELECT DISTINCT ?l WHERE { ?s <http://example.org/label> ?l }",
            "group" => "SELECT ?l (COUNT(*) AS ?c) (MIN(?s) AS ?first) WHERE { ?s <http://example.org/label> ?l } GROUP BY ?l",
            // Two subqueries: neither side can take the other's bindings, so this is a hash join building on 1M rows.
            "join" => "SELECT ?s ?n ?l WHERE { { SELECT ?s ?n WHERE { ?s <http://example.org/n> ?n } } { SELECT ?s ?l WHERE { ?s <http://example.org/label> ?l } } }",
            // The right side holds every subject but the two labelled "label 1": a build side of ~1M rows.
            "minus" => "SELECT ?s ?n WHERE { ?s <http://example.org/n> ?n MINUS { ?s <http://example.org/label> ?l FILTER(?l != \"label 1\") } }",
            _ => throw new CommandLineException($"Unknown query '{kind}'; use order, distinct, group, join or minus."),
        };
        var spillFolder = Path.Combine(Path.GetFullPath(storePath), "query-tmp");
        long peakSpill = 0;
        using var sampler = new Timer(_ =>
        {
            try
            {
                long size = Directory.Exists(spillFolder) ? new DirectoryInfo(spillFolder).EnumerateFiles().Sum(f => f.Length) : 0;
                if (size > peakSpill) peakSpill = size;
            }
            catch (IOException) { }
        }, null, 0, 50);
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var clockQuery = Stopwatch.StartNew();
        var queryOptions = new QueryOptions { MaxRowsInMemory = limit, UseResultCache = false };
        if (noSpill) queryOptions = queryOptions with { SpillDirectory = "" };
        long count = 0;
        foreach (var _ in (SolutionSequence)store.Query(text, queryOptions)) count++;
        var wall = clockQuery.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpu0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kind}: rows={count:N0} limit={limit:N0} spill={(noSpill ? "off" : "on")} wall={wall.TotalSeconds:0.00} s cpu={cpu.TotalSeconds:0.00} s peakRSS={process.PeakWorkingSet64 / (1 << 20):N0} MiB peakSpill={peakSpill / (1 << 20):N0} MiB"));
        return 0;
    }
}
