using TripleStore.Benchmarks.Bsbm;
using TripleStore.Benchmarks.Lubm;

namespace TripleStore.Benchmarks;

/// <summary>
/// <c>queries lubm</c> prints the 14 LUBM queries; <c>queries bsbm --products N [--seed S] [--param-seed P] [--rounds R]</c>
/// prints the 12 BSBM explore queries instantiated R times with parameters drawn from that data set.
/// </summary>
public sealed class QueriesCommand : IBenchmarkCommand
{
    public string Name => "queries";

    public string Description =>
        "queries lubm | bsbm --products N [--seed S] [--param-seed P] [--rounds R]  (prints benchmark queries)";

    public int Run(string[] args)
    {
        if (args.Length == 0)
            throw new CommandLineException("Say which benchmark: 'queries lubm' or 'queries bsbm --products N'.");
        var options = CommandLineOptions.Parse(args[1..]);
        IEnumerable<BenchmarkQuery> queries;
        switch (args[0].ToLowerInvariant())
        {
            case "lubm":
                queries = LubmQueries.All;
                break;
            case "bsbm":
                var catalog = new BsbmCatalog(options.Int("products", 1000, min: 1), options.UInt64("seed", 0));
                var drawer = new BsbmParameterDrawer(catalog, options.UInt64("param-seed", 0));
                int rounds = options.Int("rounds", 1, min: 1);
                queries = Enumerable.Range(0, rounds).SelectMany(_ => Enumerable.Range(1, BsbmQueryTemplates.Count).Select(drawer.Next)).ToArray();
                break;
            default:
                throw new CommandLineException($"Unknown benchmark '{args[0]}'; use lubm or bsbm.");
        }
        options.RejectUnknown();
        foreach (var q in queries)
        {
            Console.WriteLine($"### {q.Name}");
            Console.WriteLine(q.Text.TrimEnd());
            Console.WriteLine();
        }
        return 0;
    }
}
