using TripleStore.Rdf;
using TripleStore.Storage;
using Xunit;

namespace TripleStore.Tests.Storage;

public class TermEncodingTests
{
    private static Literal Typed(string value, Iri datatype) => Literal.Typed(value, datatype);

    public static TheoryData<Term> InlineTerms() => new()
    {
        Literal.Simple(""),
        Literal.Simple("hello"),
        Literal.Simple("fourteen bytes"),
        Literal.Simple("é\u0000ü"),
        Literal.LangString("chat", "fr"),
        Literal.LangString("", "en"),
        Literal.LangString("colour", "en-gb"),
        Typed("true", Xsd.Boolean),
        Typed("false", Xsd.Boolean),
        Typed("0", Xsd.Integer),
        Typed("-42", Xsd.Integer),
        Typed("9223372036854775807", Xsd.Integer),
        Typed("-9223372036854775808", Xsd.Long),
        Typed("17", Xsd.Int),
        Typed("300", Xsd.Byte),
        Typed("7", Xsd.UnsignedShort),
        Typed("5", Xsd.PositiveInteger),
        Typed("1.5", Xsd.Decimal),
        Typed("1.50", Xsd.Decimal),
        Typed("-0.001", Xsd.Decimal),
        Typed("12345678901234567890.123456789", Xsd.Decimal),
        Typed("3.14", Xsd.Double),
        Typed("-0", Xsd.Double),
        Typed("1E+300", Xsd.Double),
        Typed("NaN", Xsd.Double),
        Typed("2.5", Xsd.Float),
        Typed("2024-02-29T12:34:56", Xsd.DateTime),
        Typed("2024-02-29T12:34:56Z", Xsd.DateTime),
        Typed("2024-02-29T12:34:56.1230-05:30", Xsd.DateTime),
        Typed("0001-01-01T00:00:00+14:00", Xsd.DateTime),
        Typed("9999-12-31T23:59:59.9999999Z", Xsd.DateTimeStamp),
        Typed("2020-01-01", Xsd.Date),
        Typed("2020-01-01+00:00", Xsd.Date),
    };

    [Theory]
    [MemberData(nameof(InlineTerms))]
    public void Inline_terms_decode_without_the_dictionary_to_the_same_term(Term term)
    {
        var id = new TermEncoder().Encode(term);
        Assert.True(id.IsInline, $"{term} should be inline");
        var decoded = InlineLiteralCodec.Decode(id);
        Assert.Equal(term, decoded);
        Assert.Equal(term.ToString(), decoded.ToString());
    }

    public static TheoryData<Term> DictionaryTerms() => new()
    {
        new Iri("http://example.org/a"),
        new BlankNode("b0"),
        Literal.Simple("fifteen bytes!!"),
        Literal.Simple(new string('x', 10_000)),
        Literal.LangString("a longer literal", "en"),
        Typed("+1", Xsd.Integer),
        Typed("01", Xsd.Integer),
        Typed("-0", Xsd.Integer),
        Typed("99999999999999999999", Xsd.Integer),
        Typed("abc", Xsd.Integer),
        Typed("1.", Xsd.Decimal),
        Typed(".5", Xsd.Decimal),
        Typed("1.0E0", Xsd.Double),
        Typed("INF", Xsd.Double),
        Typed("1e5", Xsd.Double),
        Typed("True", Xsd.Boolean),
        Typed("1", Xsd.Boolean),
        Typed("2024-02-30T00:00:00", Xsd.DateTime),
        Typed("2024-01-01T24:00:00", Xsd.DateTime),
        Typed("2024-01-01T00:00:00.12345678", Xsd.DateTime),
        Typed("2024-01-01T00:00:00-00:00", Xsd.DateTime),
        Typed("12024-01-01T00:00:00", Xsd.DateTime),
        Typed("2024-01-01T00:00:00", Xsd.Date),
        Typed("P1D", Xsd.Duration),
        Typed("x", new Iri("http://example.org/custom")),
        Typed("a\u0000b", new Iri("http://example.org/custom")),
    };

    [Theory]
    [MemberData(nameof(DictionaryTerms))]
    public void Other_terms_get_hashed_ids_and_round_trip_through_their_dictionary_form(Term term)
    {
        var encoder = new TermEncoder();
        var id = encoder.Encode(term);
        Assert.False(id.IsInline, $"{term} should use the dictionary");
        var decoded = TermSerializer.Deserialize(encoder.Serialized);
        Assert.Equal(term, decoded);
        Assert.Equal(term.ToString(), decoded.ToString());
        Assert.Equal(id, new TermEncoder().Encode(decoded));
    }

    [Fact]
    public void Ids_tell_apart_terms_that_differ_only_in_kind_datatype_or_language()
    {
        var encoder = new TermEncoder();
        var terms = new Term[]
        {
            new Iri("http://example.org/x"),
            new BlankNode("http://example.org/x"),
            Literal.Simple("http://example.org/x"),
            Literal.LangString("http://example.org/x", "en"),
            Literal.Typed("http://example.org/x", Xsd.AnyUri),
            Literal.Typed("1", Xsd.Integer),
            Literal.Typed("1", Xsd.Int),
            Literal.Typed("1", Xsd.Decimal),
            Literal.Typed("1.0", Xsd.Decimal),
            Literal.Simple("1"),
            Literal.Typed("2020-01-01", Xsd.Date),
            Literal.Typed("2020-01-01Z", Xsd.Date),
        };
        var ids = terms.Select(encoder.Encode).ToList();
        Assert.Equal(terms.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Hashed_ids_never_look_like_the_default_graph_or_inline_values()
    {
        var encoder = new TermEncoder();
        for (int i = 0; i < 10_000; i++)
        {
            var id = encoder.Encode(new Iri("http://example.org/" + i));
            Assert.NotEqual(TermId.DefaultGraph, id);
            Assert.False(id.IsInline);
        }
    }
}
