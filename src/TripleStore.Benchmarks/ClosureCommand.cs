using System.Diagnostics;
using System.Globalization;
using TripleStore.Benchmarks.Runner;
using TripleStore.Dataset;
using TripleStore.Reasoning;

namespace TripleStore.Benchmarks;

/// <summary>
/// <c>closure lubm --scale N [--seed S] --out file.nt</c>: writes LUBM(N) with the univ-bench ontology and
/// everything OWL 2 RL entails from it, as N-Triples. A peer store without (or with different) reasoning
/// loads this file and answers the LUBM queries with the same counts, so both run the same queries on the
/// same triples and only query evaluation is compared.
/// </summary>
public sealed class ClosureCommand : IBenchmarkCommand
{
    public string Name => "closure";

    public string Description => "closure lubm --scale N [--seed S] --out file.nt  (asserted plus OWL 2 RL derived triples, for a peer store)";

    public int Run(string[] args)
    {
        if (args.Length == 0 || !args[0].Equals("lubm", StringComparison.OrdinalIgnoreCase))
            throw new CommandLineException("Only LUBM needs a closure: 'closure lubm --scale N --out file.nt'.");
        var options = CommandLineOptions.Parse(args[1..]);
        var workload = new LubmWorkload(options.Int("scale", 1, min: 1), options.UInt64("seed", 0));
        string output = options.RequiredString("out");
        options.RejectUnknown();

        var clock = Stopwatch.StartNew();
        var folder = Directory.CreateTempSubdirectory("triplestore-closure-").FullName;
        try
        {
            long triples;
            using (var store = RdfStore.Open(Path.Combine(folder, "store")))
            {
                store.ImportQuads(workload.Data());
                var result = store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Owl2Rl, Full = true });
                using var snapshot = store.OpenSnapshot(includeDerived: true);
                using var writer = OutputFile.OpenText(output);
                triples = NTriplesOutput.Write(snapshot.Match(null, null, null, GraphSelector.Default), writer);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{workload.Name}: {triples:N0} triples ({result.Derived:N0} derived) in {clock.Elapsed.TotalSeconds:0.0} s -> {output}"));
            }
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
