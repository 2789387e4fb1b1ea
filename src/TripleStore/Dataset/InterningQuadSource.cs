using TripleStore.Rdf;

namespace TripleStore.Dataset;

/// <summary>
/// Gives any <see cref="IQuadSource"/> the id interface: terms are numbered on first sight (by term
/// equality), and lookups go through <see cref="IQuadSource.Match"/>. It changes no answer, only the
/// form the join handles; sources with ids of their own implement <see cref="IEncodedQuadSource"/> directly.
/// One instance per query evaluation: the numbering grows with the terms the query meets.
/// </summary>
public sealed class InterningQuadSource : IEncodedQuadSource
{
    private readonly IQuadSource _source;
    private readonly Dictionary<Term, NodeId> _ids = new();
    private readonly List<Term> _terms = new();
    private readonly object _gate = new();

    public InterningQuadSource(IQuadSource source) => _source = source ?? throw new ArgumentNullException(nameof(source));

    public bool TryEncode(Term term, out NodeId id)
    {
        id = Intern(term);
        return true;
    }

    private NodeId Intern(Term term)
    {
        lock (_gate)
        {
            if (_ids.TryGetValue(term, out var id)) return id;
            _terms.Add(term);
            // Numbered from 1: 0 is the default graph.
            id = new NodeId(0, (ulong)_terms.Count);
            _ids[term] = id;
            return id;
        }
    }

    public Term Decode(NodeId id)
    {
        lock (_gate)
        {
            if (id.High != 0 || id.Low == 0 || id.Low > (ulong)_terms.Count)
                throw new ArgumentException($"Node id {id} was not issued by this source.", nameof(id));
            return _terms[(int)id.Low - 1];
        }
    }

    public IQuadCursor OpenCursor() => new Cursor(this);

    private sealed class Cursor(InterningQuadSource owner) : IQuadCursor
    {
        private IEnumerator<Quad>? _matches;

        public void Seek(in IdPattern pattern)
        {
            _matches?.Dispose();
            var graph = pattern.Graph == GraphSelectorKind.NamedGraph
                ? GraphSelector.Named(owner.Decode(pattern.GraphName))
                : new GraphSelector(pattern.Graph);
            _matches = owner._source.Match(
                pattern.HasSubject ? owner.Decode(pattern.Subject) : null,
                pattern.HasPredicate ? owner.Decode(pattern.Predicate) : null,
                pattern.HasObject ? owner.Decode(pattern.Object) : null,
                graph).GetEnumerator();
        }

        public bool Next(out IdQuad quad)
        {
            if (_matches is null || !_matches.MoveNext())
            {
                quad = default;
                return false;
            }
            var q = _matches.Current;
            quad = new IdQuad(owner.Intern(q.Subject), owner.Intern(q.Predicate), owner.Intern(q.Object),
                q.Graph is null ? NodeId.DefaultGraph : owner.Intern(q.Graph));
            return true;
        }

        public void Dispose()
        {
            _matches?.Dispose();
            _matches = null;
        }
    }
}
