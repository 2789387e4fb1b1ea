using TripleStore;
using TripleStore.Benchmarks;

if (args.Length == 0 || args[0] is "-h" or "--help" or "-?")
    return BenchmarkCommands.Find("help")!.Run([]);

var command = BenchmarkCommands.Find(args[0]);
if (command is null)
{
    Console.Error.WriteLine($"Unknown command '{args[0]}'. Run 'help' to list the commands.");
    return 2;
}

try
{
    return command.Run(args[1..]);
}
catch (CommandLineException e)
{
    Console.Error.WriteLine($"{command.Name}: {e.Message}");
    return 2;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or TripleStoreException)
{
    // Expected failures (a file that cannot be written, input that does not parse) get one clear line,
    // not a stack trace; anything else is a bug and keeps its stack trace.
    Console.Error.WriteLine($"{command.Name}: {e.Message}");
    return 1;
}
