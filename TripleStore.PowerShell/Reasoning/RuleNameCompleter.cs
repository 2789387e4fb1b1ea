using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using TripleStore.Reasoning;

namespace TripleStore.PowerShell.Reasoning;

/// <summary>Completes -Rules with the rule names of the profile bound to -Profile (OWL2RL by default).</summary>
public sealed class RuleNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var profile = ProfileNames.Parse(fakeBoundParameters["Profile"] as string ?? ProfileNames.Owl2Rl);
        var typed = wordToComplete.Trim('\'', '"');
        return MaterializeOptions.RuleNames(profile)
            .Where(name => name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name))
            .ToList();
    }
}
