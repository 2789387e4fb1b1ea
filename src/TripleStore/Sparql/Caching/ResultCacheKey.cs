using System.Text;
using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;

namespace TripleStore.Sparql.Caching;

/// <summary>
/// What makes two query evaluations return the same result: the normalized algebra (not the text, so
/// spacing, comments and prefixes do not matter), the dataset, the base IRI, the bound parameters,
/// the default-graph-as-union flag and whether derived (inferred) facts are visible.
/// </summary>
internal readonly record struct ResultCacheKey(string Algebra, string Dataset, string Parameters, string? BaseIri, bool DefaultGraphAsUnion, bool IncludeDerived)
{
    /// <summary>The algebra part of the key; VALUES rows print as a count, so the text is added when there are any.</summary>
    public static string AlgebraOf(SparqlQuery query)
    {
        var text = new StringBuilder();
        text.Append(query.Form).Append(' ').Append(query.Pattern);
        if (query.Template is { } template) text.Append(" TEMPLATE ").AppendJoin(" . ", template);
        if (query.DescribeTerms is { } describe) text.Append(" DESCRIBE ").AppendJoin(" ", describe);
        if (QueryFootprint.Contains<ValuesPattern>(query.Pattern)) text.Append(" TEXT ").Append(query.Text);
        return text.ToString();
    }

    public static ResultCacheKey Create(SparqlQuery query, string algebra, QueryOptions options, bool includeDerived)
    {
        string dataset = options.DefaultGraphs is not null || options.NamedGraphs is not null
            ? "PROTOCOL " + string.Join(" ", options.DefaultGraphs ?? []) + " NAMED " + string.Join(" ", options.NamedGraphs ?? [])
            : query.HasDatasetClause
                ? "FROM " + string.Join(" ", query.DefaultGraphs) + " NAMED " + string.Join(" ", query.NamedGraphs)
                : "";
        string parameters = options.Parameters is { Count: > 0 } bound
            ? string.Join("\n", bound.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value))
            : "";
        return new ResultCacheKey(algebra, dataset, parameters, options.BaseIri ?? query.BaseIri, options.DefaultGraphAsUnion, includeDerived);
    }

    /// <summary>Roughly what the key's strings take in memory.</summary>
    public long EstimatedBytes => 64 + 2L * (Algebra.Length + Dataset.Length + Parameters.Length + (BaseIri?.Length ?? 0));
}
