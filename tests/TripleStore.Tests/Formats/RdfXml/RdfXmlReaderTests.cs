using System.Text;
using TripleStore.Formats;
using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.Formats.RdfXml;

public sealed class RdfXmlReaderTests
{
    private const string Ex = "http://example.org/";

    private static List<Quad> Read(string xml, RdfReaderOptions? options = null)
    {
        using var reader = RdfParser.Create(new StringReader(xml), RdfFormat.RdfXml, options ?? new RdfReaderOptions { SourceName = "test.rdf" });
        return reader.ReadAll().ToList();
    }

    private static string Doc(string body) =>
        $"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"{Ex}\">\n{body}\n</rdf:RDF>";

    [Fact]
    public void ForbiddenElementNameIsReportedWithSourceLineAndColumn()
    {
        var xml = Doc("""
              <rdf:Description rdf:about="http://example.org/a">
                <ex:p>1</ex:p>
                <rdf:Description/>
              </rdf:Description>
            """);
        var ex = Assert.Throws<RdfSyntaxException>(() => Read(xml));
        Assert.Equal(ErrorCodes.RdfSyntax, ex.ErrorCode);
        Assert.Equal("test.rdf", ex.Position.Source);
        Assert.Equal(4, ex.Position.Line);
        Assert.Equal(6, ex.Position.Column);
        Assert.Contains("rdf:Description cannot be used as a property element", ex.Message);
        Assert.StartsWith("test.rdf:4:6:", ex.Message);
    }

    [Fact]
    public void BadAttributeIsReportedAtTheAttribute()
    {
        var xml = Doc("""  <rdf:Description rdf:about="http://example.org/a" rdf:nodeID="x"/>""");
        var ex = Assert.Throws<RdfSyntaxException>(() => Read(xml));
        Assert.Equal(2, ex.Position.Line);
        Assert.Equal(53, ex.Position.Column);
        Assert.Contains("only one of rdf:ID, rdf:about and rdf:nodeID", ex.Message);
    }

    [Fact]
    public void MalformedXmlBecomesASyntaxErrorWithPosition()
    {
        var xml = Doc("""  <rdf:Description rdf:about="http://example.org/a"><ex:p>1</ex:q></rdf:Description>""");
        var ex = Assert.Throws<RdfSyntaxException>(() => Read(xml));
        Assert.Equal(ErrorCodes.RdfSyntax, ex.ErrorCode);
        Assert.Equal(2, ex.Position.Line);
        Assert.True(ex.Position.Column > 1);
        Assert.Contains("not well-formed XML", ex.Message);
    }

    [Fact]
    public void RelativeIriWithoutBaseIsAnError()
    {
        var ex = Assert.Throws<RdfSyntaxException>(() => Read(Doc("""<rdf:Description rdf:about="a"/>""")));
        Assert.Contains("no base IRI", ex.Message);
    }

    [Fact]
    public void LenientModeSkipsTheBadElementAndKeepsTheRest()
    {
        var xml = Doc("""
              <rdf:Description rdf:about="http://example.org/a">
                <ex:p>1</ex:p>
                <ex:bad rdf:parseType="Literal" rdf:resource="http://example.org/x"><ex:inner>2</ex:inner></ex:bad>
                <ex:q>3</ex:q>
              </rdf:Description>
              <rdf:li rdf:about="http://example.org/skipped"><ex:p>4</ex:p></rdf:li>
              <rdf:Description rdf:about="http://example.org/b" ex:r="5"/>
            """);
        var errors = new List<RdfSyntaxError>();
        using var reader = RdfParser.Create(new StringReader(xml), RdfFormat.RdfXml,
            new RdfReaderOptions { Lenient = true, OnError = errors.Add, SourceName = "test.rdf" });
        var quads = reader.ReadAll().ToList();

        Assert.Equal(new[] { "1", "3", "5" }, quads.Select(q => ((Literal)q.Object).Value));
        Assert.Equal(2, reader.ErrorCount);
        Assert.Equal(new long[] { 4, 7 }, errors.Select(e => e.Line));
        Assert.Contains("rdf:parseType cannot be combined with rdf:resource", errors[0].Message);
        Assert.Contains("rdf:li cannot be used as a node element", errors[1].Message);
    }

    [Fact]
    public void LenientModeDropsAPropertyWhoseNodeElementWasSkipped()
    {
        var xml = Doc("""
              <rdf:Description rdf:about="http://example.org/a">
                <ex:p><rdf:li rdf:about="http://example.org/b"/></ex:p>
                <ex:q>kept</ex:q>
              </rdf:Description>
            """);
        using var reader = RdfParser.Create(new StringReader(xml), RdfFormat.RdfXml, new RdfReaderOptions { Lenient = true });
        var quad = Assert.Single(reader.ReadAll());
        Assert.Equal(Literal.Simple("kept"), quad.Object);
        Assert.Equal(1, reader.ErrorCount);
    }

    [Fact]
    public void LenientModeStopsAtMalformedXmlInsideASkippedElement()
    {
        var xml = Doc("""<rdf:Description rdf:about="http://example.org/a" ex:p="1"/><rdf:li><ex:p>&undefined;</ex:p></rdf:li>""");
        var errors = new List<RdfSyntaxError>();
        using var reader = RdfParser.Create(new StringReader(xml), RdfFormat.RdfXml, new RdfReaderOptions { Lenient = true, OnError = errors.Add });
        Assert.Single(reader.ReadAll());
        Assert.Equal(2, errors.Count);
        Assert.Contains("not well-formed XML", errors[1].Message);
    }

    [Fact]
    public void LenientModeStopsAtMalformedXmlAfterReportingIt()
    {
        var xml = Doc("""<rdf:Description rdf:about="http://example.org/a" ex:p="1"/><broken""");
        var errors = new List<RdfSyntaxError>();
        using var reader = RdfParser.Create(new StringReader(xml), RdfFormat.RdfXml, new RdfReaderOptions { Lenient = true, OnError = errors.Add });
        Assert.Single(reader.ReadAll());
        Assert.Single(errors);
    }

    [Fact]
    public void EntitiesFromTheInternalSubsetAreExpanded()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rdf:RDF [ <!ENTITY ex "http://example.org/"> ]>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="&ex;">
              <rdf:Description rdf:about="&ex;a"><ex:p rdf:resource="&ex;b"/></rdf:Description>
            </rdf:RDF>
            """;
        var quad = Assert.Single(Read(xml));
        Assert.Equal(new Iri(Ex + "a"), quad.Subject);
        Assert.Equal(new Iri(Ex + "p"), quad.Predicate);
        Assert.Equal(new Iri(Ex + "b"), quad.Object);
    }

    [Fact]
    public void EntityExpansionBombIsRejected()
    {
        var dtd = new StringBuilder("<!DOCTYPE rdf:RDF [\n<!ENTITY lol0 \"lollollollollollollollollollol\">\n");
        for (int i = 1; i <= 9; i++)
            dtd.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">\n");
        dtd.Append("]>\n");
        var xml = dtd + Doc("""<rdf:Description rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p></rdf:Description>""");

        var ex = Assert.Throws<RdfSyntaxException>(() => Read(xml));
        Assert.Contains("MaxCharactersFromEntities", ex.Message);
        Assert.True(ex.Position.Line > 1, "the error names a line");
    }

    [Fact]
    public void ExternalEntitiesAreNotFetched()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "SECRET");
        try
        {
            var xml = $"<!DOCTYPE rdf:RDF [ <!ENTITY leak SYSTEM \"{new Uri(secret).AbsoluteUri}\"> ]>\n"
                + Doc("""<rdf:Description rdf:about="http://example.org/a"><ex:p>&leak;</ex:p></rdf:Description>""");
            List<Quad>? quads = null;
            try { quads = Read(xml); }
            catch (RdfSyntaxException) { }
            Assert.DoesNotContain(quads ?? new List<Quad>(), q => q.Object is Literal l && l.Value.Contains("SECRET"));
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void NestingDeeperThanTheLimitIsRejectedWithItsOwnCode()
    {
        var body = new StringBuilder();
        for (int i = 0; i < 30; i++) body.Append("<rdf:Description><ex:p>");
        body.Append("x");
        for (int i = 0; i < 30; i++) body.Append("</ex:p></rdf:Description>");

        var ex = Assert.Throws<RdfSyntaxException>(() => Read(Doc(body.ToString()), new RdfReaderOptions { MaxNestingDepth = 40 }));
        Assert.Equal(ErrorCodes.InputTooDeep, ex.ErrorCode);
        Assert.Contains("40", ex.Message);

        Assert.Equal(30, Read(Doc(body.ToString()), new RdfReaderOptions { MaxNestingDepth = 100 }).Count);
    }

    [Fact]
    public void DeepNestingInsideAnXmlLiteralCountsTowardsTheLimit()
    {
        var inner = string.Concat(Enumerable.Repeat("<ex:x>", 50)) + string.Concat(Enumerable.Repeat("</ex:x>", 50));
        var xml = Doc($"""<rdf:Description rdf:about="http://example.org/a"><ex:p rdf:parseType="Literal">{inner}</ex:p></rdf:Description>""");
        var ex = Assert.Throws<RdfSyntaxException>(() => Read(xml, new RdfReaderOptions { MaxNestingDepth = 20 }));
        Assert.Equal(ErrorCodes.InputTooDeep, ex.ErrorCode);
    }

    [Fact]
    public void NamespaceDeclarationsAreReportedAsPrefixes()
    {
        var xml = Doc("""<rdf:Description xmlns="http://default.example/" xmlns:foaf="http://xmlns.com/foaf/0.1/" rdf:about="http://example.org/a" foaf:name="A"/>""");
        using var reader = RdfParser.Create(new StringReader(xml), RdfFormat.RdfXml);
        Assert.Single(reader.ReadAll());
        Assert.Equal(RdfVocabulary.Namespace, reader.Prefixes["rdf"]);
        Assert.Equal(Ex, reader.Prefixes["ex"]);
        Assert.Equal("http://xmlns.com/foaf/0.1/", reader.Prefixes["foaf"]);
        Assert.Equal("http://default.example/", reader.Prefixes[""]);
    }

    [Fact]
    public void AttributeValuesLongerThanTheTermLimitAreRejected()
    {
        var xml = Doc($"""<rdf:Description rdf:about="http://example.org/{new string('a', 200)}"/>""");
        var ex = Assert.Throws<RdfSyntaxException>(() => Read(xml, new RdfReaderOptions { MaxTermLength = 100 }));
        Assert.Equal(ErrorCodes.InputTooLarge, ex.ErrorCode);
        Assert.Equal(2, ex.Position.Line);
    }

    [Fact]
    public void LiteralsLongerThanTheTermLimitAreRejected()
    {
        var xml = Doc($"""<rdf:Description rdf:about="http://example.org/a"><ex:p>{new string('a', 200)}</ex:p></rdf:Description>""");
        var ex = Assert.Throws<RdfSyntaxException>(() => Read(xml, new RdfReaderOptions { MaxTermLength = 100 }));
        Assert.Equal(ErrorCodes.InputTooLarge, ex.ErrorCode);
    }

    [Fact]
    public void BlankNodeIdsAreScopedToTheDocument()
    {
        var xml = Doc("""<rdf:Description rdf:nodeID="n"><ex:p rdf:nodeID="n"/></rdf:Description>""");
        var first = Assert.Single(Read(xml));
        var second = Assert.Single(Read(xml));
        Assert.Equal(first.Subject, first.Object);
        Assert.NotEqual(first.Subject, second.Subject);

        var shared = new BlankNodeScope();
        var a = Assert.Single(Read(xml, new RdfReaderOptions { BlankNodes = shared }));
        var b = Assert.Single(Read(xml, new RdfReaderOptions { BlankNodes = shared }));
        Assert.Equal(a.Subject, b.Subject);
    }

    [Fact]
    public void BaseIriFromOptionsAndXmlBaseResolveReferences()
    {
        var xml = Doc("""
              <rdf:Description rdf:ID="a"><ex:p rdf:resource="b"/></rdf:Description>
              <rdf:Description xml:base="http://other.example/dir/" rdf:about="../c"><ex:p rdf:resource="#d"/></rdf:Description>
            """);
        var quads = Read(xml, new RdfReaderOptions { BaseIri = "http://example.org/doc" });
        Assert.Equal("http://example.org/doc#a", ((Iri)quads[0].Subject).Value);
        Assert.Equal("http://example.org/b", ((Iri)quads[0].Object).Value);
        Assert.Equal("http://other.example/c", ((Iri)quads[1].Subject).Value);
        Assert.Equal("http://other.example/dir/#d", ((Iri)quads[1].Object).Value);
    }

    [Fact]
    public void XmlLiteralsAreExclusivelyCanonicalized()
    {
        var xml = Doc("""
            <rdf:Description rdf:about="http://example.org/a"><ex:p rdf:parseType="Literal"><a:b xmlns:a="http://a/" xmlns:unused="http://u/" z="1" a:y="&quot;2&#10;" x="3">t &amp; &gt; <!-- gone --><?pi data?><c xmlns="http://d/"><e xmlns=""/></c></a:b><ex:f/></ex:p></rdf:Description>
            """);
        var literal = (Literal)Assert.Single(Read(xml)).Object;
        Assert.Equal(RdfVocabulary.XmlLiteral, literal.Datatype);
        Assert.Equal(
            "<a:b xmlns:a=\"http://a/\" x=\"3\" z=\"1\" a:y=\"&quot;2&#xA;\">t &amp; &gt; <?pi data?><c xmlns=\"http://d/\"><e xmlns=\"\"></e></c></a:b>"
            + "<ex:f xmlns:ex=\"http://example.org/\"></ex:f>",
            literal.Value);
    }

    [Fact]
    public void ContainerMembersCollectionsAndReificationFollowTheGrammar()
    {
        var xml = Doc("""
            <rdf:Seq rdf:about="http://example.org/s">
              <rdf:li>one</rdf:li>
              <rdf:li rdf:resource="http://example.org/two"/>
              <rdf:_7>seven</rdf:_7>
              <rdf:li rdf:ID="third">three</rdf:li>
              <ex:list rdf:parseType="Collection"><rdf:Description rdf:about="http://example.org/x"/><ex:Thing/></ex:list>
              <ex:empty rdf:parseType="Collection"/>
            </rdf:Seq>
            """);
        var quads = Read(xml, new RdfReaderOptions { BaseIri = "http://example.org/doc" });
        string R(string local) => RdfVocabulary.Namespace + local;
        var s = new Iri(Ex + "s");
        Assert.Contains(new Quad(s, new Iri(R("_1")), Literal.Simple("one")), quads);
        Assert.Contains(new Quad(s, new Iri(R("_2")), new Iri(Ex + "two")), quads);
        Assert.Contains(new Quad(s, new Iri(R("_7")), Literal.Simple("seven")), quads);
        Assert.Contains(new Quad(s, new Iri(R("_3")), Literal.Simple("three")), quads);
        var statement = new Iri("http://example.org/doc#third");
        Assert.Contains(new Quad(statement, RdfVocabulary.Type, RdfVocabulary.Statement), quads);
        Assert.Contains(new Quad(statement, RdfVocabulary.Predicate, new Iri(R("_3"))), quads);
        Assert.Contains(new Quad(s, new Iri(Ex + "empty"), RdfVocabulary.Nil), quads);

        var head = quads.Single(q => q.Predicate == new Iri(Ex + "list")).Object;
        Assert.Contains(new Quad(head, RdfVocabulary.First, new Iri(Ex + "x")), quads);
        var second = quads.Single(q => q.Subject == head && q.Predicate == RdfVocabulary.Rest).Object;
        var thing = quads.Single(q => q.Subject == second && q.Predicate == RdfVocabulary.First).Object;
        Assert.Contains(new Quad(thing, RdfVocabulary.Type, new Iri(Ex + "Thing")), quads);
        Assert.Contains(new Quad(second, RdfVocabulary.Rest, RdfVocabulary.Nil), quads);
    }

    [Theory]
    [InlineData("""<rdf:Description rdf:about="http://example.org/a" foo="1"/>""", "attribute 'foo' has no namespace")]
    [InlineData("""<rdf:Description rdf:about="http://example.org/a">loose text</rdf:Description>""", "expected a property element")]
    [InlineData("""<rdf:Description rdf:about="http://example.org/a"><ex:p>text<rdf:Description/></ex:p></rdf:Description>""", "both text and a node element")]
    [InlineData("""<rdf:Description rdf:about="http://example.org/a"><ex:p><rdf:Description/><rdf:Description/></ex:p></rdf:Description>""", "only one node element")]
    [InlineData("""<rdf:Description rdf:about="http://example.org/a"><ex:p rdf:resource="http://example.org/b">text</ex:p></rdf:Description>""", "must be empty")]
    [InlineData("""<rdf:Description rdf:about="http://example.org/a"><ex:p rdf:datatype="http://example.org/t" rdf:resource="http://example.org/b"/></rdf:Description>""", "rdf:datatype cannot be combined with rdf:resource")]
    [InlineData("""<rdf:Description rdf:about="http://example.org/a" xml:lang="not a tag" ex:p="x"/>""", "is not a language tag")]
    [InlineData("""<rdf:Description rdf:about="http://example.org/a b"/>""", "is not a valid IRI")]
    [InlineData("""<plain/>""", "has no namespace")]
    public void GrammarViolationsAreRejectedWithAReason(string body, string reason)
    {
        var ex = Assert.Throws<RdfSyntaxException>(() => Read(Doc(body)));
        Assert.Contains(reason, ex.Message);
        Assert.Equal(2, ex.Position.Line);
    }

    [Theory]
    [InlineData("iso-8859-1")]
    [InlineData("utf-16")]
    public void StreamsAreDecodedAsTheXmlDeclarationSays(string encodingName)
    {
        var encoding = encodingName == "utf-16" ? Encoding.Unicode : Encoding.Latin1;
        var xml = $"<?xml version=\"1.0\" encoding=\"{encodingName}\"?>\n"
            + Doc("""<rdf:Description rdf:about="http://example.org/a" ex:name="Dürst"/>""");
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(xml)).ToArray();
        using var reader = RdfParser.Create(new MemoryStream(bytes), RdfFormat.RdfXml);
        var quad = Assert.Single(reader.ReadAll());
        Assert.Equal(Literal.Simple("Dürst"), quad.Object);
    }

    [Fact]
    public void TriplesArePulledOneElementAtATime()
    {
        // An unterminated document still yields the triples completed before the point where it breaks.
        var xml = Doc("""<rdf:Description rdf:about="http://example.org/a" ex:p="1"/>""").Replace("</rdf:RDF>", "<rdf:Description");
        using var reader = RdfParser.Create(new StringReader(xml), RdfFormat.RdfXml);
        Assert.True(reader.TryRead(out var quad));
        Assert.Equal("1", ((Literal)quad.Object).Value);
        Assert.Equal(1, reader.StatementCount);
        Assert.Throws<RdfSyntaxException>(() => reader.TryRead(out _));
    }
}
