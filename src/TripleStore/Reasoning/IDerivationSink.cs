using TripleStore.Reasoning.Rules;

namespace TripleStore.Reasoning;

/// <summary>Receives each complete match of a rule body; returns true to stop the search.</summary>
internal interface IDerivationSink
{
    bool Matched(CompiledRule rule, int[] binding);
}
