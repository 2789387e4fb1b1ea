using System.Diagnostics;
using System.Globalization;
using TripleStore.Benchmarks.Bsbm;
using TripleStore.Benchmarks.Lubm;
using TripleStore.Rdf;

namespace TripleStore.Benchmarks;

/// <summary>
/// <c>generate lubm --universities N [--seed S] --out file.nt[.gz]</c> and
/// <c>generate bsbm --products N [--seed S] --out file.nt[.gz]</c>: writes a benchmark data set as N-Triples
/// and reports its size and the time taken on standard error.
/// </summary>
public sealed class GenerateCommand : IBenchmarkCommand
{
    public string Name => "generate";

    public string Description =>
        "generate lubm --universities N | bsbm --products N  [--seed S] --out file.nt[.gz]  (writes benchmark data)";

    public int Run(string[] args)
    {
        if (args.Length == 0)
            throw new CommandLineException("Say which data set: 'generate lubm ...' or 'generate bsbm ...'.");
        var options = CommandLineOptions.Parse(args[1..]);
        string dataset = args[0].ToLowerInvariant();
        IEnumerable<Quad> quads = dataset switch
        {
            "lubm" => new LubmGenerator(options.Int("universities", 1, min: 1), options.UInt64("seed", 0)).Generate(),
            "bsbm" => new BsbmGenerator(options.Int("products", 1000, min: 1), options.UInt64("seed", 0)).Generate(),
            _ => throw new CommandLineException($"Unknown data set '{args[0]}'; use lubm or bsbm."),
        };
        string output = options.RequiredString("out");
        options.RejectUnknown();

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long triples;
        using (var writer = OutputFile.OpenText(output))
            triples = NTriplesOutput.Write(quads, writer);
        clock.Stop();
        // CPU time (all threads, including the garbage collector) is reported next to wall time because
        // wall time on a shared machine says more about the neighbours than about the generator.
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;

        string size = output == "-" ? "" : FormattableString.Invariant($", {new FileInfo(output).Length / 1048576.0:0.0} MB");
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{dataset}: {triples:N0} triples in {clock.Elapsed.TotalSeconds:0.00} s wall, {cpuSeconds:0.00} s CPU ({triples / clock.Elapsed.TotalSeconds:N0} triples/s wall, {triples / cpuSeconds:N0} per CPU second){size} -> {output}"));
        return 0;
    }
}
