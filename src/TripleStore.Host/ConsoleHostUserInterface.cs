using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace TripleStore.Host;

/// <summary>
/// Writes what PowerShell shows the way pwsh does: output, warnings, verbose and debug lines to standard
/// output, errors to standard error, progress as one line on standard error (only on a terminal).
/// </summary>
public sealed class ConsoleHostUserInterface : PSHostUserInterface
{
    private const string NonInteractiveMessage =
        "TripleStore.Host is in NonInteractive mode. Read and Prompt functionality is not available.";

    private readonly bool _interactive;
    private readonly ConsoleRawUserInterface _rawUI = new();
    private readonly ProgressLine _progress;
    private readonly object _gate = new();

    public ConsoleHostUserInterface(bool interactive)
    {
        _interactive = interactive && !Console.IsInputRedirected;
        _progress = new ProgressLine(Console.Error, enabled: !Console.IsErrorRedirected, () => _rawUI.BufferSize.Width);
    }

    public override PSHostRawUserInterface RawUI => _rawUI;

    /// <summary>Lets PowerShell emit ANSI styles (tables, errors) only when a terminal shows them.</summary>
    public override bool SupportsVirtualTerminal => !Console.IsOutputRedirected;

    public override void Write(string value) => Out(value, newLine: false);

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value)
    {
        // Write-Host -ForegroundColor: colours only on a terminal; redirected output stays plain text.
        if (Console.IsOutputRedirected) { Out(value, newLine: false); return; }
        lock (_gate)
        {
            _progress.Clear();
            var (fg, bg) = (Console.ForegroundColor, Console.BackgroundColor);
            Console.ForegroundColor = foregroundColor;
            Console.BackgroundColor = backgroundColor;
            Console.Out.Write(value);
            (Console.ForegroundColor, Console.BackgroundColor) = (fg, bg);
        }
    }

    public override void WriteLine(string value) => Out(value, newLine: true);

    public override void WriteErrorLine(string value)
    {
        lock (_gate)
        {
            _progress.Clear();
            Console.Out.Flush();
            // Plain text when redirected: PowerShell leaves removing its styles to the host.
            Console.Error.WriteLine(GetOutputString(Styled(value, "\e[31;1m", Console.IsErrorRedirected), !Console.IsErrorRedirected));
        }
    }

    public override void WriteWarningLine(string message) => Out(Styled("WARNING: " + message, "\e[33;1m", Console.IsOutputRedirected), newLine: true);

    public override void WriteVerboseLine(string message) => Out(Styled("VERBOSE: " + message, "\e[33;1m", Console.IsOutputRedirected), newLine: true);

    public override void WriteDebugLine(string message) => Out(Styled("DEBUG: " + message, "\e[33;1m", Console.IsOutputRedirected), newLine: true);

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        lock (_gate) _progress.Show(sourceId, record);
    }

    public void FinishProgress()
    {
        lock (_gate) _progress.Clear();
    }

    public override string ReadLine()
    {
        EnsureInteractive();
        return Console.ReadLine() ?? string.Empty;
    }

    public override SecureString ReadLineAsSecureString()
    {
        EnsureInteractive();
        var secret = new SecureString();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace) { if (secret.Length > 0) secret.RemoveAt(secret.Length - 1); }
            else secret.AppendChar(key.KeyChar);
        }
        Console.Out.WriteLine();
        secret.MakeReadOnly();
        return secret;
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        EnsureInteractive();
        WritePromptHeader(caption, message);
        var answers = new Dictionary<string, PSObject>();
        foreach (var field in descriptions)
        {
            Out($"{field.Name}: ", newLine: false);
            answers[field.Name] = field.ParameterTypeFullName == typeof(SecureString).FullName
                ? PSObject.AsPSObject(ReadLineAsSecureString())
                : PSObject.AsPSObject(ReadLine());
        }
        return answers;
    }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        EnsureInteractive();
        WritePromptHeader(caption, message);
        var hotkeys = choices.Select(HotKey).ToArray();
        var menu = string.Join("  ", choices.Select((c, i) => $"[{hotkeys[i]}] {c.Label.Replace("&", string.Empty)}"));
        while (true)
        {
            var defaultLabel = defaultChoice >= 0 ? $" (default is \"{hotkeys[defaultChoice]}\")" : string.Empty;
            Out($"{menu}{defaultLabel}: ", newLine: false);
            var answer = ReadLine().Trim();
            if (answer.Length == 0 && defaultChoice >= 0) return defaultChoice;
            var index = Array.FindIndex(hotkeys, k => string.Equals(k, answer, StringComparison.OrdinalIgnoreCase));
            if (index >= 0) return index;
        }
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
    {
        EnsureInteractive();
        WritePromptHeader(caption, message);
        if (string.IsNullOrEmpty(userName))
        {
            Out("User: ", newLine: false);
            userName = ReadLine();
        }
        Out($"Password for user {userName}: ", newLine: false);
        return new PSCredential(userName, ReadLineAsSecureString());
    }

    private void WritePromptHeader(string caption, string message)
    {
        if (!string.IsNullOrEmpty(caption)) WriteLine(caption);
        if (!string.IsNullOrEmpty(message)) WriteLine(message);
    }

    private static string HotKey(ChoiceDescription choice)
    {
        var amp = choice.Label.IndexOf('&');
        return amp >= 0 && amp + 1 < choice.Label.Length ? choice.Label[amp + 1].ToString().ToUpperInvariant() : choice.Label;
    }

    private void EnsureInteractive()
    {
        if (!_interactive) throw new PSInvalidOperationException(NonInteractiveMessage);
    }

    private void Out(string value, bool newLine)
    {
        lock (_gate)
        {
            _progress.Clear();
            value = GetOutputString(value, SupportsVirtualTerminal);
            if (newLine) Console.Out.WriteLine(value);
            else Console.Out.Write(value);
        }
    }

    private static string Styled(string text, string style, bool redirected) =>
        redirected || text.Contains('\e') ? text : style + text + "\e[0m";
}
