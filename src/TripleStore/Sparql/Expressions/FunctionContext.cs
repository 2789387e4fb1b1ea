using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>
/// What functions may read beyond their arguments, fixed for one query execution: NOW() is the same
/// instant throughout a query (section 17.4.5.1), IRI() resolves against the query's base.
/// </summary>
public sealed class FunctionContext
{
    private Literal? _nowLiteral;

    public FunctionContext(DateTimeOffset now, string? baseIri = null, Random? random = null)
    {
        Now = now;
        BaseIri = baseIri;
        Random = random ?? Random.Shared;
    }

    /// <summary>A context for a query starting now, with no base IRI.</summary>
    public static FunctionContext CreateForNow(string? baseIri = null) => new(DateTimeOffset.UtcNow, baseIri);

    public DateTimeOffset Now { get; }

    /// <summary>The base IRI of the query, or null.</summary>
    public string? BaseIri { get; }

    /// <summary>The source of RAND(); tests pass a seeded one.</summary>
    public Random Random { get; }

    /// <summary>NOW() as an xsd:dateTime literal, built once per query.</summary>
    public Literal NowLiteral => _nowLiteral ??= XsdDateTime.FromDateTimeOffset(Now).ToLiteral();
}
