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
