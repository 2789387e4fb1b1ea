using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using TripleStore.PowerShell.Stores;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// Completes -Graph with the named graphs of the store the command will use: the one already bound to
/// -Store, else the session's current store.
/// </summary>
public sealed class GraphCompleter : IArgumentCompleter
{
    private const int MaxSuggestions = 200;

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var store = (fakeBoundParameters["Store"] is { } bound ? PSObject.AsPSObject(bound).BaseObject as ITripleStoreConnection : null)
            ?? StoreSession.ForCurrentRunspace().Current as ITripleStoreConnection;
        if (store is not RdfStore) return Array.Empty<CompletionResult>(); // a remote store would cost a round trip per keystroke
        if (store is null) return Array.Empty<CompletionResult>();
        var typed = wordToComplete.Trim('\'', '"');
        try
        {
            using var snapshot = ((RdfStore)store).OpenSnapshot();
            return snapshot.NamedGraphs()
                .OfType<Rdf.Iri>()
                .Select(iri => iri.Value)
                .Where(iri => iri.StartsWith(typed, StringComparison.Ordinal))
                .Take(MaxSuggestions)
                .Select(iri => new CompletionResult($"'{iri}'", iri, CompletionResultType.ParameterValue, iri))
                .ToList();
        }
        catch (TripleStoreException)
        {
            // A store closed meanwhile simply offers nothing.
            return Array.Empty<CompletionResult>();
        }
    }
}
