using TripleStore.Dataset;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// The cursor of a check step an earlier <see cref="IntersectionCursor"/> already applied: every row that
/// reaches it passed, so each seek has exactly one match (binding nothing new).
/// </summary>
internal sealed class CoveredStepCursor : IQuadCursor
{
    private IdQuad _quad;
    private bool _pending;

    public void Seek(in IdPattern pattern)
    {
        _quad = new IdQuad(pattern.Subject, pattern.Predicate, pattern.Object,
            pattern.Graph == GraphSelectorKind.NamedGraph ? pattern.GraphName : NodeId.DefaultGraph);
        _pending = true;
    }

    public bool Next(out IdQuad quad)
    {
        quad = _quad;
        bool pending = _pending;
        _pending = false;
        return pending;
    }

    public void Dispose()
    {
    }
}
