using System.Diagnostics;

namespace TripleStore.PowerShell.Tests;

/// <summary>Runs the built TripleStore.Host as a child process, as a user's shell would.</summary>
public static class HostProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static HostResult Run(ModuleFixture module, IEnumerable<string> arguments,
        string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        using var process = Start(module, arguments, workingDirectory, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"TripleStore.Host did not finish within {Timeout}.");
        }
        return new HostResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts the host with standard input closed; the caller reads its output and waits for it.</summary>
    public static Process Start(ModuleFixture module, IEnumerable<string> arguments,
        string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? module.RepositoryRoot,
        };
        start.ArgumentList.Add(HostAssembly(module));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Remove("TRIPLESTORE_MODULE");
        if (environment is not null)
            foreach (var (name, value) in environment) start.Environment[name] = value;

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    public static HostResult Command(ModuleFixture module, string command) =>
        Run(module, new[] { "-NoProfile", "-NonInteractive", "-Command", command });

    /// <summary>The host built with the same configuration as these tests (bin/&lt;configuration&gt;/net10.0).</summary>
    private static string HostAssembly(ModuleFixture module)
    {
        var testFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testFolder.Parent!.Name;
        var path = Path.Combine(module.RepositoryRoot, "src", "TripleStore.Host", "bin", configuration, testFolder.Name, "TripleStore.Host.dll");
        if (!File.Exists(path)) throw new FileNotFoundException($"TripleStore.Host is not built at {path}.", path);
        return path;
    }
}

public sealed record HostResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
