namespace TripleStore.Reasoning;

/// <summary>Rebuilding a closure from its stored form, so a reopened store can be maintained incrementally.</summary>
internal sealed partial class Reasoner
{
    /// <summary>
    /// Loads a closure computed earlier, without evaluating rules: <paramref name="asserted"/> is what was
    /// asserted at that run and <paramref name="closure"/> everything it derived (owl:sameAs pairs included,
    /// which rebuild the equivalence classes). The state is then as the run left it, ready for
    /// <see cref="AddAsserted"/> and <see cref="RemoveAsserted"/>.
    /// </summary>
    public void Restore(IEnumerable<Fact> asserted, IEnumerable<Fact> closure)
    {
        var loaded = new List<Fact>();
        foreach (var fact in asserted)
            if (Asserted.Add(fact)) Insert(fact, loaded);
        foreach (var fact in closure) Insert(fact, loaded);
        if (_equalityChanged) RewriteToRepresentatives(loaded);
        RefreshListRules(all: false);
        _equalityChanged = false;
    }
}
