namespace TripleStore.Benchmarks;

/// <summary>
/// Every subcommand of the benchmark console. To add one, implement <see cref="IBenchmarkCommand"/>
/// and add a single line to <see cref="All"/>.
/// </summary>
public static class BenchmarkCommands
{
    public static readonly IReadOnlyList<IBenchmarkCommand> All =
    [
        new HelpCommand(),
        new GenerateCommand(),
        new QueriesCommand(),
        new ParseCommand(),
        new ConvertCommand(),
        new ImportCommand(),
        new MaterializeCommand(),
        new ServeCommand(),
        new RunCommand(),
        new ClosureCommand(),
        new QueryCommand(),
        new SpillCommand(),
    ];

    /// <summary>Finds a command by name, ignoring case; null when there is none.</summary>
    public static IBenchmarkCommand? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
