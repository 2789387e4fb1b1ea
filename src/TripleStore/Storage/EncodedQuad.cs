namespace TripleStore.Storage;

/// <summary>A quad as term ids; <see cref="Graph"/> is <see cref="TermId.DefaultGraph"/> for the default graph.</summary>
public readonly record struct EncodedQuad(TermId Subject, TermId Predicate, TermId Object, TermId Graph)
{
    public bool IsInDefaultGraph => Graph == TermId.DefaultGraph;
}
