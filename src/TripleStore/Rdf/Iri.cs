namespace TripleStore.Rdf;

/// <summary>An absolute IRI. Construction does not validate; use <see cref="Parse"/> for untrusted text.</summary>
public sealed class Iri : Term
{
    public Iri(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    public string Value { get; }

    public override TermKind Kind => TermKind.Iri;

    /// <summary>Validates <paramref name="value"/> as an absolute IRI (RFC 3987) and returns it.</summary>
    public static Iri Parse(string value)
    {
        if (!IriSyntax.IsAbsoluteIri(value, out var error))
            throw new FormatException($"'{value}' is not a valid absolute IRI: {error}");
        return new Iri(value);
    }

    /// <summary>Resolves a relative reference against this IRI as base (RFC 3986 section 5.2).</summary>
    public Iri Resolve(string reference) => new(IriResolver.Resolve(Value, reference));

    public override bool Equals(Term? other) => other is Iri i && string.Equals(Value, i.Value, StringComparison.Ordinal);

    public override int GetHashCode() => Value.GetHashCode();

    private protected override int CompareSameKind(Term other) => string.CompareOrdinal(Value, ((Iri)other).Value);

    public override string ToString() => "<" + NTriplesEscaping.EscapeIri(Value) + ">";
}
