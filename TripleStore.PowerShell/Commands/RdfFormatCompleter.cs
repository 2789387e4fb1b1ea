using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using TripleStore.Formats;

namespace TripleStore.PowerShell.Commands;

/// <summary>Completes -Format style parameters with the engine's format names.</summary>
public sealed class RdfFormatCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        foreach (var format in RdfFormats.All)
        {
            var name = format.ToString();
            if (name.StartsWith(wordToComplete, StringComparison.OrdinalIgnoreCase))
                yield return new CompletionResult(name, name, CompletionResultType.ParameterValue,
                    $"{name} ({RdfFormats.FileExtension(format)}, {RdfFormats.MediaType(format)})");
        }
    }
}
