namespace TripleStore.PowerShell;

/// <summary>
/// An RDF term as Invoke-Sparql -AsTerm and the triple objects show it. Plain strings rather than the
/// engine's Term, so scripts can compare and format it without touching engine types.
/// </summary>
public sealed class RdfTermObject : IEquatable<RdfTermObject>
{
    public RdfTermObject(string kind, string value, string? datatype, string? language, string nTriples)
    {
        Kind = kind;
        Value = value;
        Datatype = datatype;
        Language = language;
        NTriples = nTriples;
    }

    /// <summary>Iri, BlankNode or Literal.</summary>
    public string Kind { get; }

    /// <summary>The IRI, the blank node's label (without "_:"), or the literal's lexical form.</summary>
    public string Value { get; }

    /// <summary>The literal's datatype IRI; null for IRIs and blank nodes.</summary>
    public string? Datatype { get; }

    /// <summary>The literal's language tag, if any.</summary>
    public string? Language { get; }

    private string NTriples { get; }

    public bool IsIri => Kind == "Iri";
    public bool IsBlankNode => Kind == "BlankNode";
    public bool IsLiteral => Kind == "Literal";

    /// <summary>The term in N-Triples syntax, e.g. &lt;http://example.org/a&gt;, _:b0 or "42"^^&lt;...#integer&gt;.</summary>
    public override string ToString() => NTriples;

    public bool Equals(RdfTermObject? other) => other is not null && string.Equals(NTriples, other.NTriples, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as RdfTermObject);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(NTriples);
}
