using System.Management.Automation;

namespace TripleStore.PowerShell.Commands;

/// <summary>Turns a list of fixed names into completion results for what has been typed.</summary>
internal static class CompletionValues
{
    public static IEnumerable<CompletionResult> Complete(IEnumerable<string> names, string wordToComplete, Func<string, string> tooltip)
    {
        var typed = (wordToComplete ?? "").Trim('\'', '"');
        return names
            .Where(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, tooltip(n)))
            .ToList();
    }
}
