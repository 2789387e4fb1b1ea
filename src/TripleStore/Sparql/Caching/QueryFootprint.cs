using System.Text.RegularExpressions;
using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;

namespace TripleStore.Sparql.Caching;

/// <summary>
/// The predicates and graphs a query can read, or a write changed. A null set means "any": a variable
/// predicate, a GRAPH ?g, a zero-length path, or a change the cache cannot analyse. Graphs are keyed by
/// <see cref="GraphKey"/> ("" for the default graph).
/// </summary>
internal sealed class QueryFootprint
{
    public static readonly QueryFootprint Everything = new(null, null);

    private QueryFootprint(HashSet<Iri>? predicates, HashSet<string>? graphs)
    {
        Predicates = predicates;
        Graphs = graphs;
    }

    public HashSet<Iri>? Predicates { get; }

    public HashSet<string>? Graphs { get; }

    public bool IsEverything => Predicates is null && Graphs is null;

    public static string GraphKey(Term? graph) => graph is null ? "" : graph.ToString();

    /// <summary>Whether a write with footprint <paramref name="write"/> can change what this query reads.</summary>
    public bool IsAffectedBy(QueryFootprint write) =>
        Overlaps(Predicates, write.Predicates) && Overlaps(Graphs, write.Graphs);

    private static bool Overlaps<T>(HashSet<T>? a, HashSet<T>? b) => a is null || b is null || a.Overlaps(b);

    /// <summary>What a batch of quad changes touches.</summary>
    public static QueryFootprint OfChanges(IEnumerable<Quad> removed, IEnumerable<Quad> added)
    {
        var predicates = new HashSet<Iri>();
        var graphs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var quad in removed.Concat(added))
        {
            predicates.Add(quad.Predicate);
            graphs.Add(GraphKey(quad.Graph));
        }
        return new QueryFootprint(predicates, graphs);
    }

    /// <summary>What clearing the selected graphs touches (any predicate).</summary>
    public static QueryFootprint OfClear(GraphSelector graph) => graph.Kind switch
    {
        GraphSelectorKind.DefaultGraph => new QueryFootprint(null, [""]),
        GraphSelectorKind.NamedGraph => new QueryFootprint(null, [GraphKey(graph.Name)]),
        _ => Everything,
    };

    private static readonly Regex Volatile = new(@"\b(RAND|NOW|UUID|STRUUID|BNODE)\(", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>
    /// Whether a query's result may be cached at all: not when it calls a function whose value changes
    /// between evaluations (RAND, NOW, UUID, STRUUID, BNODE) or reads a remote SERVICE.
    /// </summary>
    public static bool IsCacheable(SparqlQuery query, string algebra) =>
        !Volatile.IsMatch(algebra) && !Contains<ServicePattern>(query.Pattern);

    public static bool Contains<T>(GraphPattern pattern) where T : GraphPattern =>
        pattern is T || pattern.Children.Any(Contains<T>);

    /// <summary>What a query can read, given whether its default graph is the union of all graphs.</summary>
    public static QueryFootprint OfQuery(SparqlQuery query, bool defaultGraphAsUnion, string algebra, bool datasetReplaced = false)
    {
        // EXISTS patterns hide inside expressions, which the walk below does not visit; DESCRIBE reads
        // every predicate of the resources it names.
        if (query.Form == QueryForm.Describe || algebra.Contains("EXISTS", StringComparison.Ordinal)) return Everything;
        var predicates = new HashSet<Iri>();
        bool anyPredicate = false;
        var graphs = new HashSet<string>(StringComparer.Ordinal);
        bool anyGraph = false;
        string? defaultScope = query.HasDatasetClause || defaultGraphAsUnion ? null : "";
        if (query.HasDatasetClause)
        {
            // The dataset is exactly the FROM and FROM NAMED graphs.
            foreach (var g in query.DefaultGraphs.Concat(query.NamedGraphs)) graphs.Add(GraphKey(g));
        }
        else if (defaultGraphAsUnion) anyGraph = true;

        void Walk(GraphPattern pattern, string? scope, bool inGraph)
        {
            switch (pattern)
            {
                case BgpPattern bgp:
                    foreach (var triple in bgp.Patterns)
                    {
                        if (triple.Predicate.Term is Iri iri) predicates.Add(iri);
                        else anyPredicate = true;
                    }
                    Touch(scope, inGraph, bgp.IsEmpty);
                    return;
                case PathPattern path:
                    if (!PathPredicates(path.Path, predicates)) anyPredicate = true;
                    Touch(scope, inGraph, false);
                    return;
                case NamedGraphPattern named:
                    if (named.Graph.Term is { } g && !query.HasDatasetClause) Walk(named.Inner, GraphKey(g), true);
                    else
                    {
                        if (!query.HasDatasetClause) anyGraph = true;
                        Walk(named.Inner, null, true);
                    }
                    return;
                case ValuesPattern:
                    return;
            }
            var children = pattern.Children.ToList();
            if (children.Count == 0)
            {
                // A leaf this analysis does not know: assume it reads anything.
                anyPredicate = true;
                anyGraph = true;
                return;
            }
            foreach (var child in children) Walk(child, scope, inGraph);
        }

        void Touch(string? scope, bool inGraph, bool empty)
        {
            if (empty) return;
            if (query.HasDatasetClause) return;
            if (scope is null) { if (inGraph || defaultScope is null) anyGraph = true; else graphs.Add(""); }
            else graphs.Add(scope);
        }

        Walk(query.Pattern, defaultScope, false);
        if (datasetReplaced) anyGraph = true;
        return new QueryFootprint(anyPredicate ? null : predicates, anyGraph ? null : graphs);
    }

    /// <summary>Adds a path's predicates; false when it can match without any (zero-length or negated paths).</summary>
    private static bool PathPredicates(PropertyPath path, HashSet<Iri> into) => path switch
    {
        PredicatePath p => into.Add(p.Predicate) || true,
        InversePath i => PathPredicates(i.Inner, into),
        SequencePath s => PathPredicates(s.First, into) & PathPredicates(s.Second, into),
        AlternativePath a => PathPredicates(a.First, into) & PathPredicates(a.Second, into),
        OneOrMorePath o => PathPredicates(o.Inner, into),
        _ => false,
    };
}
