using System.Text;
using System.Text.RegularExpressions;

namespace TripleStore.Host;

/// <summary>
/// Turns -File's command-line arguments into PowerShell argument text, binding them as pwsh does:
/// '-Name value' and '-Name:value' name a parameter, '-Switch' alone sets one, '-Switch:$false'
/// clears it, anything else is a positional string. Values become single-quoted literals, so no
/// argument is ever evaluated as code.
/// </summary>
public static partial class ScriptArguments
{
    public static string ToArgumentText(IReadOnlyList<string> arguments)
    {
        var text = new StringBuilder();
        foreach (var argument in arguments)
        {
            text.Append(' ');
            var parameter = ParameterToken().Match(argument);
            if (!parameter.Success)
            {
                text.Append(Quote(argument));
                continue;
            }
            text.Append('-').Append(parameter.Groups["name"].Value);
            if (!parameter.Groups["colon"].Success) continue;
            var value = parameter.Groups["value"].Value;
            text.Append(':').Append(value is "$true" or "$false" ? value : Quote(value));
        }
        return text.ToString();
    }

    /// <summary>A single-quoted PowerShell literal; PowerShell also treats typographic single quotes as quotes.</summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder("'");
        foreach (var c in value)
        {
            if (c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B') quoted.Append(c);
            quoted.Append(c);
        }
        return quoted.Append('\'').ToString();
    }

    [GeneratedRegex(@"^-(?<name>[\p{L}_][\p{L}\p{Nd}_]*)(?<colon>:(?<value>.*))?$", RegexOptions.Singleline)]
    private static partial Regex ParameterToken();
}
