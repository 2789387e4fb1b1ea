namespace TripleStore.Rdf;

/// <summary>The kinds of RDF term, in SPARQL's ORDER BY order (blank nodes, then IRIs, then literals).</summary>
public enum TermKind : byte
{
    BlankNode = 1,
    Iri = 2,
    Literal = 3,
}

/// <summary>
/// An RDF term. Terms are immutable, compare by value, and have a total order:
/// blank nodes, then IRIs, then literals; within a kind by their lexical parts (ordinal).
/// </summary>
public abstract class Term : IEquatable<Term>, IComparable<Term>
{
    private protected Term() { }

    public abstract TermKind Kind { get; }

    public bool IsIri => Kind == TermKind.Iri;
    public bool IsBlankNode => Kind == TermKind.BlankNode;
    public bool IsLiteral => Kind == TermKind.Literal;

    public abstract bool Equals(Term? other);

    public override bool Equals(object? obj) => obj is Term t && Equals(t);

    public abstract override int GetHashCode();

    public int CompareTo(Term? other)
    {
        if (other is null) return 1;
        if (Kind != other.Kind) return Kind.CompareTo(other.Kind);
        return CompareSameKind(other);
    }

    private protected abstract int CompareSameKind(Term other);

    /// <summary>The term in N-Triples syntax.</summary>
    public abstract override string ToString();

    public static bool operator ==(Term? a, Term? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Term? a, Term? b) => !(a == b);
}
