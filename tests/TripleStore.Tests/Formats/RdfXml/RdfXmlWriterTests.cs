using TripleStore.Formats;
using TripleStore.Rdf;
using TripleStore.Tests.W3C;
using Xunit;

namespace TripleStore.Tests.Formats.RdfXml;

public sealed class RdfXmlWriterTests
{
    private const string Ex = "http://example.org/";

    private static string Write(IEnumerable<Quad> quads, RdfWriterOptions? options = null)
    {
        var text = new StringWriter();
        using (var writer = RdfSerializer.Create(text, RdfFormat.RdfXml, options))
            foreach (var q in quads) writer.Write(q);
        return text.ToString();
    }

    private static List<Quad> ReadBack(string xml)
    {
        using var reader = RdfParser.Create(new StringReader(xml), RdfFormat.RdfXml);
        return reader.ReadAll().ToList();
    }

    private static void AssertSameGraph(IEnumerable<Quad> expected, string xml)
    {
        var difference = Isomorphism.TryExplainDifference(expected, ReadBack(xml));
        Assert.True(difference is null, $"{difference}\n{xml}");
    }

    private static Quad Q(Term s, string p, Term o) => new(s, new Iri(Ex + p), o);

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    [Fact]
    public void EachRunOfOneSubjectBecomesOneDescription()
    {
        var a = new Iri(Ex + "a");
        var b = new Iri(Ex + "b");
        var xml = Write(new[] { Q(a, "p", Literal.Simple("1")), Q(a, "q", b), Q(b, "p", Literal.Simple("2")), Q(a, "p", Literal.Simple("3")) });
        Assert.Equal(3, Count(xml, "<rdf:Description "));
        Assert.Contains("rdf:about=\"http://example.org/a\"", xml);
        Assert.Contains("rdf:resource=\"http://example.org/b\"", xml);
    }

    [Fact]
    public void DeclaredPrefixesGoOnTheRootAndOtherNamespacesGetGeneratedOnes()
    {
        var options = new RdfWriterOptions { Prefixes = new Dictionary<string, string> { ["ex"] = Ex } };
        var quads = new[]
        {
            Q(new Iri(Ex + "a"), "name", Literal.Simple("x")),
            new Quad(new Iri(Ex + "a"), new Iri("http://other.example/vocab#size"), Literal.Simple("y")),
        };
        var xml = Write(quads, options);
        Assert.Contains("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://example.org/\"", xml);
        Assert.Contains("<ex:name>x</ex:name>", xml);
        Assert.Contains("<ns1:size xmlns:ns1=\"http://other.example/vocab#\">y</ns1:size>", xml);
        AssertSameGraph(quads, xml);
    }

    [Fact]
    public void LiteralsKeepTheirLanguageDatatypeAndCharacters()
    {
        var s = new Iri(Ex + "s");
        var quads = new[]
        {
            Q(s, "plain", Literal.Simple("a\r\nb <&> \"c\" \t ]]>")),
            Q(s, "empty", Literal.Simple("")),
            Q(s, "lang", Literal.LangString("chat", "fr-CA")),
            Q(s, "emptyLang", Literal.LangString("", "en")),
            Q(s, "typed", Literal.Typed("42", Xsd.Integer)),
            Q(s, "emptyTyped", Literal.Typed("", Xsd.Integer)),
            Q(s, "xml", Literal.Typed("<b>bold</b>", RdfVocabulary.XmlLiteral)),
            Q(s, "astral", Literal.Simple("\U0001F600")),
        };
        AssertSameGraph(quads, Write(quads));
    }

    [Fact]
    public void BlankNodesKeepTheirIdentityWhateverTheirIds()
    {
        var odd = new BlankNode("not an NCName");
        var under = new BlankNode("_x");
        var plain = new BlankNode("b1");
        var quads = new[] { Q(odd, "p", plain), Q(plain, "p", under), Q(under, "p", odd), Q(new BlankNode("6e"), "p", odd) };
        AssertSameGraph(quads, Write(quads));
    }

    [Fact]
    public void BaseIriMakesSameDocumentIrisRelative()
    {
        var quads = new[] { Q(new Iri("http://example.org/doc#a"), "p", new Iri("http://example.org/doc")), Q(new Iri("http://example.org/doc#a"), "q", new Iri("http://example.org/other#b")) };
        var xml = Write(quads, new RdfWriterOptions { BaseIri = "http://example.org/doc" });
        Assert.Contains("xml:base=\"http://example.org/doc\"", xml);
        Assert.Contains("rdf:about=\"#a\"", xml);
        Assert.Contains("rdf:resource=\"\"", xml);
        Assert.Contains("rdf:resource=\"http://example.org/other#b\"", xml);
        AssertSameGraph(quads, xml);
    }

    [Fact]
    public void PredicateThatCannotBeAnElementNameIsAnError()
    {
        var ex = Assert.Throws<TripleStoreException>(() => Write(new[] { new Quad(new Iri(Ex + "a"), new Iri("urn:isbn:123"), Literal.Simple("x")) }));
        Assert.Equal(ErrorCodes.NotRepresentable, ex.ErrorCode);
        Assert.Contains("<urn:isbn:123>", ex.Message);
        Assert.Contains("end in a name", ex.Message);
    }

    [Fact]
    public void RdfSyntaxNamesCannotBeWrittenAsPredicates()
    {
        var ex = Assert.Throws<TripleStoreException>(() => Write(new[] { new Quad(new Iri(Ex + "a"), new Iri(RdfVocabulary.Namespace + "li"), Literal.Simple("x")) }));
        Assert.Contains("rdf-syntax-ns#li", ex.Message);
    }

    [Fact]
    public void LiteralSubjectsAreAnError()
    {
        var ex = Assert.Throws<TripleStoreException>(() => Write(new[] { Q(Literal.Simple("s"), "p", Literal.Simple("o")) }));
        Assert.Equal(ErrorCodes.NotRepresentable, ex.ErrorCode);
    }

    [Fact]
    public void QuadsInNamedGraphsAreAnError()
    {
        var ex = Assert.Throws<TripleStoreException>(() => Write(new[] { new Quad(new Iri(Ex + "a"), new Iri(Ex + "p"), Literal.Simple("x"), new Iri(Ex + "g")) }));
        Assert.Equal(ErrorCodes.NamedGraphsNotSupported, ex.ErrorCode);
        Assert.Contains("in graph <http://example.org/g>", ex.Message);
    }

    [Fact]
    public void CharactersXmlCannotHoldAreAnError()
    {
        var ex = Assert.Throws<TripleStoreException>(() => Write(new[] { Q(new Iri(Ex + "a"), "p", Literal.Simple("bell\u0007")) }));
        Assert.Equal(ErrorCodes.NotRepresentable, ex.ErrorCode);
        Assert.Contains("U+0007", ex.Message);
    }

    [Fact]
    public void NoTriplesGiveAnEmptyDocument()
    {
        var xml = Write(Array.Empty<Quad>());
        Assert.Contains("<rdf:RDF", xml);
        Assert.Empty(ReadBack(xml));
    }
}
