namespace TripleStore.Sparql.Caching;

/// <summary>
/// A query worth running again when the store reopens: its text as the caller wrote it and the query
/// options that are part of its result cache key (base IRI, protocol dataset, union default graph,
/// derived facts), with how often it was asked for. Queries run with bound parameters are never kept:
/// their values were not written in the query, and the warm file must hold nothing else.
/// </summary>
internal sealed record WarmQuery
{
    public required string Text { get; init; }
    public string? BaseIri { get; init; }
    public IReadOnlyList<string>? DefaultGraphs { get; init; }
    public IReadOnlyList<string>? NamedGraphs { get; init; }
    public bool DefaultGraphAsUnion { get; init; }
    public bool IncludeDerived { get; init; } = true;
    public long Uses { get; init; }

    /// <summary>Tells apart queries that differ in text or options, for merging saved and live counts.</summary>
    public string Identity => string.Join("\u0001", Text, BaseIri ?? "", string.Join(" ", DefaultGraphs ?? ["-"]),
        string.Join(" ", NamedGraphs ?? ["-"]), DefaultGraphAsUnion ? "U" : "", IncludeDerived ? "D" : "");

    public static WarmQuery From(SparqlQuery query, QueryOptions options) => new()
    {
        Text = query.Text,
        BaseIri = options.BaseIri,
        DefaultGraphs = options.DefaultGraphs?.Select(g => g.Value).ToArray(),
        NamedGraphs = options.NamedGraphs?.Select(g => g.Value).ToArray(),
        DefaultGraphAsUnion = options.DefaultGraphAsUnion,
        IncludeDerived = options.IncludeDerived,
    };

    /// <summary>The options to run it with (the store adds its timeout and limits).</summary>
    public QueryOptions ToOptions(CancellationToken cancellation) => new()
    {
        CancellationToken = cancellation,
        BaseIri = BaseIri,
        DefaultGraphs = DefaultGraphs?.Select(g => new Rdf.Iri(g)).ToArray(),
        NamedGraphs = NamedGraphs?.Select(g => new Rdf.Iri(g)).ToArray(),
        DefaultGraphAsUnion = DefaultGraphAsUnion,
        IncludeDerived = IncludeDerived,
    };
}
