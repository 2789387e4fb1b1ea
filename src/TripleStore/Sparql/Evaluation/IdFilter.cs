using TripleStore.Dataset;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// A filter conjunct's form over the ids a BGP binds, tried before any term is decoded. It answers only
/// when the ids alone decide the conjunct exactly as the term path would; null sends the row to the term path.
/// </summary>
internal abstract class IdFilter
{
    /// <summary>The conjunct's value for the bound ids, or null when the ids alone do not decide it.</summary>
    public abstract bool? TryEval(NodeId[] ids, IEncodedQuadSource source);
}
