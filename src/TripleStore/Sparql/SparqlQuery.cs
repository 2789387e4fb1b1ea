using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;
using TripleStore.Sparql.Syntax;

namespace TripleStore.Sparql;

/// <summary>
/// A parsed SPARQL query: its form, dataset clauses and algebra (solution modifiers included).
/// Immutable, so one instance can be cached and evaluated concurrently.
/// </summary>
public sealed class SparqlQuery
{
    internal SparqlQuery(QueryForm form, GraphPattern pattern, IReadOnlyList<string> resultVariables,
        IReadOnlyList<Iri> defaultGraphs, IReadOnlyList<Iri> namedGraphs,
        IReadOnlyList<TriplePattern>? template, IReadOnlyList<TermPattern>? describeTerms, string text)
    {
        Form = form;
        Pattern = pattern;
        ResultVariables = resultVariables;
        DefaultGraphs = defaultGraphs;
        NamedGraphs = namedGraphs;
        Template = template;
        DescribeTerms = describeTerms;
        Text = text;
    }

    public QueryForm Form { get; }

    /// <summary>The algebra expression, with ORDER BY, projection, DISTINCT and slice on top.</summary>
    public GraphPattern Pattern { get; }

    /// <summary>The projected variables of a SELECT (and of the pattern for other forms).</summary>
    public IReadOnlyList<string> ResultVariables { get; }

    /// <summary>The FROM graphs; empty when the query has no FROM clause.</summary>
    public IReadOnlyList<Iri> DefaultGraphs { get; }

    /// <summary>The FROM NAMED graphs.</summary>
    public IReadOnlyList<Iri> NamedGraphs { get; }

    public bool HasDatasetClause => DefaultGraphs.Count > 0 || NamedGraphs.Count > 0;

    /// <summary>The CONSTRUCT template.</summary>
    public IReadOnlyList<TriplePattern>? Template { get; }

    /// <summary>The resources a DESCRIBE names (IRIs or variables); empty for DESCRIBE *.</summary>
    public IReadOnlyList<TermPattern>? DescribeTerms { get; }

    public string Text { get; }

    /// <summary>The base IRI in force at the end of the prologue (BASE or the one given to Parse).</summary>
    public string? BaseIri { get; init; }

    /// <summary>Parses a SPARQL 1.1 query. Throws <see cref="TripleStoreException"/> (<see cref="ErrorCodes.QuerySyntax"/>) with line and column.</summary>
    public static SparqlQuery Parse(string text, string? baseIri = null, SparqlParserOptions? options = null) =>
        new SparqlParser(text, baseIri, options ?? SparqlParserOptions.Default).ParseQuery();

    public override string ToString() => Form + " " + Pattern;
}
