namespace TripleStore.Benchmarks;

/// <summary>Lists the available commands.</summary>
public sealed class HelpCommand : IBenchmarkCommand
{
    public string Name => "help";

    public string Description => "Lists the available commands.";

    public int Run(string[] args)
    {
        Console.WriteLine("Usage: TripleStore.Benchmarks <command> [options]");
        Console.WriteLine();
        Console.WriteLine("Commands:");
        int width = BenchmarkCommands.All.Max(c => c.Name.Length);
        foreach (var command in BenchmarkCommands.All)
            Console.WriteLine($"  {command.Name.PadRight(width)}  {command.Description}");
        return 0;
    }
}
