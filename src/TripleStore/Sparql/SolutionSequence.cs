using System.Collections;
using TripleStore.Rdf;

namespace TripleStore.Sparql;

/// <summary>
/// The solutions of a SELECT, computed lazily: each row holds the values of <see cref="Variables"/> in
/// order (null = unbound). Enumerate it once; each enumeration runs the query again.
/// </summary>
public sealed class SolutionSequence : SparqlResult, IEnumerable<Term?[]>
{
    private readonly Func<IEnumerable<Term?[]>> _rows;

    internal SolutionSequence(IReadOnlyList<string> variables, Func<IEnumerable<Term?[]>> rows, Evaluation.PlanNode? root) : base(root)
    {
        Variables = variables;
        _rows = rows;
    }

    public IReadOnlyList<string> Variables { get; }

    public IEnumerator<Term?[]> GetEnumerator() => _rows().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
