using TripleStore.Rdf;

namespace TripleStore.Dataset;

/// <summary>
/// A read-only, consistent view of quads: what the SPARQL evaluator runs over. The RocksDB store
/// implements it on a snapshot; tests use an in-memory one. A null pattern position matches anything.
/// </summary>
public interface IQuadSource
{
    /// <summary>
    /// The quads that match the pattern. A position bound to a term of the wrong kind (a literal
    /// subject, a non-IRI predicate) simply matches nothing.
    /// </summary>
    IEnumerable<Quad> Match(Term? subject, Term? predicate, Term? @object, GraphSelector graph);

    /// <summary>The names of the non-empty named graphs.</summary>
    IEnumerable<Term> NamedGraphs();

    /// <summary>
    /// A cheap estimate of how many quads <see cref="Match"/> would return, for join ordering. It need
    /// not be exact, but should be zero only when nothing matches.
    /// </summary>
    long EstimateCount(Term? subject, Term? predicate, Term? @object, GraphSelector graph);

    /// <summary>
    /// For join ordering: the expected matches of the pattern once the positions flagged as
    /// <c>...Later</c> (null here) get values from an earlier pattern. By default a rough division of the
    /// count; a store samples the matches and counts with their values in place.
    /// </summary>
    double EstimateFanout(Term? subject, Term? predicate, Term? @object, GraphSelector graph, bool subjectLater, bool predicateLater, bool objectLater)
    {
        double est = EstimateCount(subject, predicate, @object, graph);
        if (subjectLater) est /= 1000;
        if (objectLater) est /= 100;
        if (predicateLater) est /= 10;
        return est;
    }
}
