using System.Globalization;
using System.Management.Automation.Host;

namespace TripleStore.Host;

/// <summary>
/// The PSHost the scripts run under. PowerShell asks it for a UI (where output, streams and progress
/// go) and tells it when a top-level 'exit' was run.
/// </summary>
public sealed class ConsoleHost : PSHost
{
    private readonly ConsoleHostUserInterface _ui;

    public ConsoleHost(bool interactive) => _ui = new ConsoleHostUserInterface(interactive);

    /// <summary>The code a top-level 'exit N' asked for, if any.</summary>
    public int? ExitCode { get; private set; }

    public override string Name => "TripleStore.Host";
    public override Version Version => typeof(ConsoleHost).Assembly.GetName().Version ?? new Version(0, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

    public override void EnterNestedPrompt() =>
        throw new NotSupportedException("TripleStore.Host runs scripts; it has no interactive prompt to nest.");

    public override void ExitNestedPrompt() =>
        throw new NotSupportedException("TripleStore.Host runs scripts; it has no interactive prompt to nest.");

    public override void NotifyBeginApplication() { }

    public override void NotifyEndApplication() { }

    /// <summary>Clears a progress line before the process ends, so the shell prompt starts clean.</summary>
    public void FinishProgress() => _ui.FinishProgress();
}
