using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Microsoft.PowerShell;

namespace TripleStore.Host;

/// <summary>
/// Runs one -File script or -Command text in a runspace that has the TripleStore module imported,
/// piping everything through Out-Default as pwsh does, and works out the exit code.
/// </summary>
public sealed class ScriptRunner : IDisposable
{
    public const int ExitSuccess = 0;
    public const int ExitFailure = 1;
    /// <summary>The shell convention for "stopped by Ctrl+C" (128 + SIGINT).</summary>
    public const int ExitStopped = 130;

    private readonly ConsoleHost _host;
    private readonly Runspace _runspace;
    private PowerShell? _running;
    private bool _stopRequested;

    public ScriptRunner(ConsoleHost host, string moduleManifest)
    {
        _host = host;
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(moduleManifest);
        state.ThrowOnRunspaceOpenError = true;
        if (OperatingSystem.IsWindows()) state.ExecutionPolicy = ExecutionPolicy.Bypass;
        _runspace = RunspaceFactory.CreateRunspace(host, state);
        _runspace.Open();
        if (Console.IsOutputRedirected || Console.IsErrorRedirected)
            Invoke(ps => ps.AddScript("$PSStyle.OutputRendering = 'PlainText'"));
    }

    /// <summary>Ctrl+C: stops the running pipeline; the script sees it as PipelineStoppedException.</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        _running?.BeginStop(null, null);
    }

    public int RunFile(string path, IReadOnlyList<string> arguments)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            _host.UI.WriteErrorLine($"The argument '{path}' is not recognized as the name of a script file. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.");
            return 64;
        }
        // Invoked as a script file, 'exit N' would end only the script and hide N in $LASTEXITCODE,
        // where a native command's exit code looks the same. Invoked as the file's script block it
        // reaches the host (SetShouldExit), as in pwsh -File; $PSScriptRoot and $PSCommandPath still
        // come from the file.
        var script = Invoke(ps => ps.AddCommand("Get-Command").AddParameter("Name", full).AddParameter("CommandType", "ExternalScript"));
        if (script is not ExternalScriptInfo info) return ExitFailure;
        _runspace.SessionStateProxy.SetVariable("TripleStoreHostScript", info.ScriptBlock);
        var failed = RunWithOutDefault(ps => ps.AddScript("& $TripleStoreHostScript" + ScriptArguments.ToArgumentText(arguments)));
        if (_host.ExitCode is { } requested) return requested;
        return failed ?? ExitSuccess;
    }

    public int RunCommand(string text)
    {
        if (text == "-") text = Console.In.ReadToEnd();
        // pwsh -Command: the exit code says whether the last statement succeeded. $? is only
        // reliable inside the same script, so a last statement of our own records it.
        var failed = RunWithOutDefault(ps => ps.AddScript(text + "\n$global:" + LastStatusVariable + " = $?"));
        if (_host.ExitCode is { } requested) return requested;
        if (failed is not null) return failed.Value;
        var succeeded = Invoke(ps => ps.AddScript($"$global:{LastStatusVariable}; Remove-Variable -Scope Global -Name {LastStatusVariable}"));
        return succeeded is false ? ExitFailure : ExitSuccess;
    }

    private const string LastStatusVariable = "TripleStoreHostLastStatementSucceeded";

    /// <summary>Runs the commands with errors merged into Out-Default; returns an exit code if they ended abnormally.</summary>
    private int? RunWithOutDefault(Action<PowerShell> build)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        build(ps);
        ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        ps.AddCommand("Out-Default");
        _running = ps;
        try
        {
            if (_stopRequested) return ExitStopped;
            ps.Invoke();
            // A stopped pipeline may end without throwing; either way it was Ctrl+C.
            return ps.InvocationStateInfo.State == PSInvocationState.Stopped || _stopRequested ? ExitStopped : null;
        }
        catch (PipelineStoppedException)
        {
            return ExitStopped;
        }
        catch (Exception ex) when (ex is RuntimeException or ParameterBindingException or CommandNotFoundException)
        {
            if (_host.ExitCode is not null) return null;
            ReportTerminatingError(ex);
            return ExitFailure;
        }
        finally
        {
            _running = null;
            _host.FinishProgress();
        }
    }

    /// <summary>Shows a terminating error the way pwsh does: in the error view of $ErrorView, on standard error, and in $Error.</summary>
    private void ReportTerminatingError(Exception exception)
    {
        var record = exception is IContainsErrorRecord container
            ? container.ErrorRecord
            : new ErrorRecord(exception, "TripleStoreHostException", ErrorCategory.NotSpecified, null);
        Invoke(ps => ps.AddScript("$global:Error.Insert(0, $args[0])").AddArgument(record));
        var text = Invoke(ps => ps.AddCommand("Out-String"), record) as string;
        _host.UI.WriteErrorLine((text ?? exception.Message).Trim('\r', '\n'));
    }

    private object? Invoke(Action<PowerShell> build, object? input = null)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        build(ps);
        var results = input is null ? ps.Invoke() : ps.Invoke(new[] { input });
        return results.Count > 0 ? results[^1]?.BaseObject : null;
    }

    public void Dispose() => _runspace.Dispose();
}
