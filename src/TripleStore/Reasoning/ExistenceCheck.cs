using TripleStore.Reasoning.Rules;

namespace TripleStore.Reasoning;

/// <summary>A sink that stops at the first match: is a fact still derivable in one step?</summary>
internal sealed class ExistenceCheck : IDerivationSink
{
    public bool Matched(CompiledRule rule, int[] binding) => true;
}
