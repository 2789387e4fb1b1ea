namespace TripleStore.Benchmarks;

/// <summary>A subcommand of the benchmark console, e.g. <c>generate</c> or <c>run</c>.</summary>
public interface IBenchmarkCommand
{
    /// <summary>The word typed on the command line to select this command.</summary>
    string Name { get; }

    /// <summary>One line shown by <c>help</c>.</summary>
    string Description { get; }

    /// <summary>Runs the command with the arguments that follow its name; returns the process exit code.</summary>
    int Run(string[] args);
}
