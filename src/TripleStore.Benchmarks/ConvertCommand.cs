using System.Diagnostics;
using System.Globalization;
using TripleStore.Formats;

namespace TripleStore.Benchmarks;

/// <summary>
/// <c>convert --in file --out file [--prefix p=iri]...</c>: rewrites an RDF file in the format of the output's
/// extension, streaming, e.g. to make the Turtle input of the parse benchmark from generated N-Triples.
/// </summary>
public sealed class ConvertCommand : IBenchmarkCommand
{
    public string Name => "convert";

    public string Description => "convert --in file --out file [--prefixes p=iri,q=iri]  (rewrites RDF in the output's format)";

    public int Run(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        string input = options.RequiredString("in");
        string output = options.RequiredString("out");
        var prefixes = new Dictionary<string, string>();
        foreach (var pair in (options.String("prefixes") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0) throw new CommandLineException($"--prefixes takes p=iri pairs separated by commas, not '{pair}'.");
            prefixes[pair[..eq]] = pair[(eq + 1)..];
        }
        options.RejectUnknown();

        var clock = Stopwatch.StartNew();
        long count;
        using (var reader = RdfParser.OpenFile(input))
        using (var writer = RdfSerializer.CreateFile(output, options: new RdfWriterOptions { Prefixes = prefixes }))
        {
            while (reader.TryRead(out var quad)) writer.Write(quad);
            count = writer.StatementCount;
        }
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} statements in {clock.Elapsed.TotalSeconds:0.00} s -> {output}"));
        return 0;
    }
}
