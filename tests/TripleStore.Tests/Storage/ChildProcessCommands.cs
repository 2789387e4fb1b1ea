using TripleStore.Rdf;

namespace TripleStore.Tests.Storage;

/// <summary>What a child test process does, by command name.</summary>
public static class ChildProcessCommands
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: hold-store <path> | import-forever <path>");
            return 2;
        }
        switch (args[0])
        {
            case "hold-store":
                // Opens the store for writing, adds a quad, and keeps it open until stdin closes.
                using (var store = RdfStore.Open(args[1]))
                {
                    store.Add(new Quad(new Iri("http://example.org/child"), new Iri("http://example.org/p"), Literal.Simple("written by the child")));
                    Console.WriteLine("ready");
                    Console.Out.Flush();
                    Console.In.ReadToEnd();
                }
                return 0;
            case "import-forever":
                // Starts an import whose input never ends, so the parent can kill it mid-way.
                using (var store = RdfStore.Open(args[1]))
                {
                    store.ImportQuads(EndlessQuads(), new ImportOptions { MemoryBudgetBytes = 1 << 20 });
                }
                return 1;
            case "write-forever":
                // Adds batches with synced writes until killed; prints "writing" once some are in.
                using (var store = RdfStore.Open(args[1], new StoreOptions { SyncWrites = true }))
                {
                    var p = new Iri("http://example.org/p");
                    for (long batch = 0; ; batch++)
                    {
                        store.AddRange(Enumerable.Range(0, 100).Select(i => new Quad(new Iri($"http://example.org/s{batch}-{i}"), p, Literal.Simple("value " + i), i % 2 == 0 ? null : new Iri("http://example.org/g"))));
                        if (batch == 20)
                        {
                            Console.WriteLine("writing");
                            Console.Out.Flush();
                        }
                    }
                }
            case "backup-once":
                // Opens the store, backs it up into args[2] and exits (closing the store).
                using (var store = RdfStore.Open(args[1]))
                {
                    store.Add(new Quad(new Iri("http://example.org/child"), new Iri("http://example.org/p"), Literal.Simple("backed up by the child")));
                    var backup = TripleStore.Operations.StoreBackup.Create(store, args[2]);
                    Console.WriteLine(backup.Verified == true ? "backed-up" : "not verified");
                    Console.Out.Flush();
                }
                return 0;
            case "reasoning-reopen-bench":
                return Reasoning.ReopenBenchmark.Run(args[1], args.Length > 2 ? int.Parse(args[2]) : 1);
            case "materialize-loop":
                return Reasoning.MaterializationPersistenceTests.MaterializeLoop(args[1]);
            case "warmup-first-query":
                return Sparql.QueryEngineWarmupChild.FirstQuery(args[1], args.Length > 2 && args[2] == "on");
            case "warmup-dispose":
                return Sparql.QueryEngineWarmupChild.DisposeDuringWarmup(args[1]);
            case "commit-loop":
                return Update.CommitLoopCommand.Run(args[1]);
            default:
                Console.Error.WriteLine($"unknown command {args[0]}");
                return 2;
        }
    }

    private static IEnumerable<Quad> EndlessQuads()
    {
        var p = new Iri("http://example.org/p");
        for (long i = 0; ; i++)
        {
            if (i == 50_000)
            {
                Console.WriteLine("importing");
                Console.Out.Flush();
            }
            yield return new Quad(new Iri("http://example.org/s" + i), p, Literal.Typed(i.ToString(), Xsd.Integer));
        }
    }
}
