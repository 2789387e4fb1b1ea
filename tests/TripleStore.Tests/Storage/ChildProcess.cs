using System.Diagnostics;

namespace TripleStore.Tests.Storage;

/// <summary>
/// Runs this test assembly as a second process (through its own Main) so tests can check what one
/// process sees of a store another process holds.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public static ChildProcess Start(params string[] args)
    {
        var assembly = typeof(ChildProcess).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(assembly);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet."));
    }

    /// <summary>Waits for the child to print <paramref name="line"/>; fails with its stderr if it exits first.</summary>
    public void WaitFor(string line, TimeSpan timeout)
    {
        var task = Task.Run(() =>
        {
            string? read;
            while ((read = _process.StandardOutput.ReadLine()) is not null)
                if (read == line) return true;
            return false;
        });
        if (!task.Wait(timeout) || !task.Result)
            throw new InvalidOperationException($"The child process did not print '{line}'. Stderr: {SafeStderr()}");
    }

    private string SafeStderr()
    {
        try
        {
            if (!_process.HasExited) return "(still running)";
            return _process.StandardError.ReadToEnd();
        }
        catch (InvalidOperationException) { return "(unavailable)"; }
    }

    /// <summary>Asks the child to finish (closing its stdin) and waits for its exit code.</summary>
    public int Finish(TimeSpan timeout)
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(timeout)) throw new TimeoutException("The child process did not exit.");
        return _process.ExitCode;
    }

    /// <summary>Waits for the child to exit and returns its exit code and everything it printed.</summary>
    public (int ExitCode, string Output, string Errors) Complete(TimeSpan timeout)
    {
        _process.StandardInput.Close();
        var output = _process.StandardOutput.ReadToEndAsync();
        var errors = _process.StandardError.ReadToEndAsync();
        if (!_process.WaitForExit(timeout)) throw new TimeoutException("The child process did not exit.");
        return (_process.ExitCode, output.Result, errors.Result);
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) Kill(); } catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
