using System.Diagnostics;
using System.Globalization;
using TripleStore.Formats;

namespace TripleStore.Benchmarks;

/// <summary>
/// <c>parse --in file [--format F] [--runs N]</c>: reads an RDF file with the streaming reader, discarding
/// the statements, and reports statements/s and MB/s of the best run on standard output, by wall clock
/// and by the process's CPU time. The reader is single-threaded, so the CPU-time rate is the rate on one
/// core even when other work shares the machine; the first run also warms up the JIT.
/// </summary>
public sealed class ParseCommand : IBenchmarkCommand
{
    public string Name => "parse";

    public string Description => "parse --in file [--format nt|nq|ttl|trig|rdf] [--runs N]  (measures the parse rate)";

    public int Run(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        string input = options.RequiredString("in");
        RdfFormat? format = null;
        if (options.String("format") is { } name)
        {
            if (!RdfFormats.TryParse(name, out var parsed)) throw new CommandLineException($"Unknown format '{name}'.");
            format = parsed;
        }
        int runs = options.Int("runs", 3, min: 1);
        options.RejectUnknown();

        long bytes = new FileInfo(input).Length;
        double best = double.MaxValue, bestCpu = double.MaxValue;
        long statements = 0;
        using var process = Process.GetCurrentProcess();
        for (int run = 1; run <= runs; run++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            using (var reader = RdfParser.OpenFile(input, format))
            {
                while (reader.TryRead(out _)) { }
                statements = reader.StatementCount;
            }
            clock.Stop();
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            double seconds = clock.Elapsed.TotalSeconds;
            best = Math.Min(best, seconds);
            bestCpu = Math.Min(bestCpu, cpu);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: {seconds:0.000} s wall, {cpu:0.000} s CPU"));
        }
        double mb = bytes / 1048576.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(input)}: {statements:N0} statements, {mb:0.0} MB (best of {runs}): " +
            $"wall {best:0.000} s = {statements / best:N0} statements/s, {mb / best:0.0} MB/s; " +
            $"CPU {bestCpu:0.000} s = {statements / bestCpu:N0} statements/s, {mb / bestCpu:0.0} MB/s"));
        return 0;
    }
}
