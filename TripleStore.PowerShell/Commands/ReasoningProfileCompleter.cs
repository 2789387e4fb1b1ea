using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace TripleStore.PowerShell.Commands;

/// <summary>Completes -Profile with the engine's reasoning profiles, named as users write them (RDFS, OWL2RL).</summary>
public sealed class ReasoningProfileCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionValues.Complete(ProfileNames(), wordToComplete, name => name switch
        {
            "RDFS" => "RDFS entailment",
            "OWL2RL" => "OWL 2 RL/RDF rules",
            _ => name,
        });

    /// <summary>The profile names: the engine's enum names upper-cased (Owl2Rl → OWL2RL); they parse back ignoring case.</summary>
    public static IEnumerable<string> ProfileNames() =>
        Enum.GetNames(typeof(global::TripleStore.Reasoning.ReasoningProfile)).Select(n => n.ToUpperInvariant());
}
