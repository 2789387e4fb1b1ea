using TripleStore.Rdf;

namespace TripleStore.Dataset;

/// <summary>
/// A dataset SPARQL Update can change: a read view (<see cref="IQuadSource"/>) that reflects every
/// change made through it at once, plus the graph bookkeeping CREATE and DROP need.
/// </summary>
public interface IUpdatableDataset : IQuadSource
{
    /// <summary>Adds a quad; false when it was already present.</summary>
    bool Insert(Quad quad);

    /// <summary>Removes a quad; false when it was not present.</summary>
    bool Delete(Quad quad);

    /// <summary>True when the named graph has quads or was created and not dropped since.</summary>
    bool ContainsGraph(Term name);

    /// <summary>Records an (empty) named graph; false when the graph already existed.</summary>
    bool CreateGraph(Term name);

    /// <summary>Forgets a created graph after its quads were removed (DROP).</summary>
    void ForgetGraph(Term name);
}
