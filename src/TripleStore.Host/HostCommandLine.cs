namespace TripleStore.Host;

/// <summary>What to run, parsed from pwsh-style arguments.</summary>
public sealed record HostCommandLine
{
    public string? File { get; init; }
    public IReadOnlyList<string> FileArguments { get; init; } = Array.Empty<string>();
    public string? Command { get; init; }
    public bool ShowHelp { get; init; }
    public bool NonInteractive { get; init; }

    /// <summary>Set when the arguments make no sense; the host prints it and the usage.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// Follows pwsh: -File and -Command take everything after them; -NoProfile, -NonInteractive and
    /// -NoLogo are accepted (there is no profile to skip); a first bare argument is a script file.
    /// </summary>
    public static HostCommandLine Parse(IReadOnlyList<string> args)
    {
        var nonInteractive = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!IsOption(arg))
                return new HostCommandLine { File = arg, FileArguments = args.Skip(i + 1).ToArray(), NonInteractive = nonInteractive };
            switch (OptionName(arg))
            {
                case "file" or "f":
                    if (i + 1 >= args.Count) return Fail("-File needs the path of a script.");
                    return new HostCommandLine { File = args[i + 1], FileArguments = args.Skip(i + 2).ToArray(), NonInteractive = nonInteractive };
                case "command" or "c":
                    if (i + 1 >= args.Count) return Fail("-Command needs the text of a command, or - to read it from standard input.");
                    return new HostCommandLine { Command = string.Join(' ', args.Skip(i + 1)), NonInteractive = nonInteractive };
                case "noprofile" or "nop" or "nologo" or "nol":
                    break;
                case "noninteractive" or "noni":
                    nonInteractive = true;
                    break;
                case "help" or "h" or "?":
                    return new HostCommandLine { ShowHelp = true };
                default:
                    return Fail($"Unknown option '{arg}'.");
            }
        }
        return new HostCommandLine { ShowHelp = true };
    }

    private static HostCommandLine Fail(string message) => new() { Error = message };

    private static bool IsOption(string arg) => arg.Length > 1 && (arg[0] == '-' || arg[0] == '/') && arg != "-";

    private static string OptionName(string arg) => arg.TrimStart('-', '/').ToLowerInvariant();

    public const string Usage = """
        TripleStore.Host: runs PowerShell with the TripleStore module imported.

        Usage:
          TripleStore.Host [-NoProfile] [-NonInteractive] -File <script.ps1> [arguments]
          TripleStore.Host [-NoProfile] [-NonInteractive] -Command <text>
          TripleStore.Host -Command -        (reads the command from standard input)
          TripleStore.Host -Help

        Exit code: the script's 'exit N'; 1 after a terminating error, or when -Command's last
        statement failed; 0 otherwise.
        The module comes from out/TripleStore/<version>/ above the host, or from the folder or .psd1
        named by the TRIPLESTORE_MODULE environment variable.
        """;
}
