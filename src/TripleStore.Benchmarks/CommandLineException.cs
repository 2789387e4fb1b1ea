namespace TripleStore.Benchmarks;

/// <summary>Bad command-line arguments; the console prints the message and exits with code 2.</summary>
public sealed class CommandLineException(string message) : Exception(message);
