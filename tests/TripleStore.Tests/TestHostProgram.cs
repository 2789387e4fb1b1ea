using TripleStore.Tests.Storage;

namespace TripleStore.Tests;

/// <summary>
/// The test assembly's entry point. The test runner never calls it; tests that need a second process
/// start this assembly with <c>dotnet exec</c> and a command (see <see cref="ChildProcessCommands"/>).
/// </summary>
public static class TestHostProgram
{
    public static int Main(string[] args) => ChildProcessCommands.Run(args);
}
