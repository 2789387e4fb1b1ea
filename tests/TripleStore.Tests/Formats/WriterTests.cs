using TripleStore.Formats;
using TripleStore.Rdf;
using TripleStore.Tests.W3C;
using Xunit;
using static TripleStore.Tests.Formats.Rdf;

namespace TripleStore.Tests.Formats;

public class WriterTests
{
    private static readonly RdfWriterOptions ExPrefix = new() { Prefixes = new Dictionary<string, string> { ["ex"] = "http://example.org/" } };

    [Fact]
    public void NTriples_output_is_canonical()
    {
        var text = Write(
        [
            new Quad(Ex("s"), Ex("p"), Literal.Simple("a\"b\\c\nd\u0001")),
            new Quad(Ex("s"), Ex("p"), Literal.LangString("x", "EN")),
            new Quad(Ex("s"), Ex("p"), Literal.Typed("1", Xsd.Integer)),
        ], RdfFormat.NTriples);
        Assert.Equal(
            "<http://example.org/s> <http://example.org/p> \"a\\\"b\\\\c\\nd\\u0001\" .\n" +
            "<http://example.org/s> <http://example.org/p> \"x\"@en .\n" +
            "<http://example.org/s> <http://example.org/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n", text);
    }

    [Fact]
    public void NQuads_output_matches_Quad_ToString()
    {
        var quad = new Quad(Ex("s"), Ex("p"), Literal.Simple("o"), Ex("g"));
        Assert.Equal(quad + "\n", Write([quad], RdfFormat.NQuads));
    }

    [Theory]
    [InlineData(RdfFormat.NTriples)]
    [InlineData(RdfFormat.Turtle)]
    public void Triple_syntaxes_reject_named_graphs(RdfFormat format)
    {
        var e = Assert.Throws<TripleStoreException>(() => Write([new Quad(Ex("s"), Ex("p"), Ex("o"), Ex("g"))], format));
        Assert.Equal(ErrorCodes.NamedGraphsNotSupported, e.ErrorCode);
        Assert.Equal(ErrorKind.InvalidOperation, e.Kind);
        Assert.Contains("http://example.org/g", e.Message);
    }

    [Fact]
    public void Turtle_groups_by_subject_and_predicate_and_uses_short_forms()
    {
        var text = Write(
        [
            new Quad(Ex("s"), RdfVocabulary.Type, Ex("C")),
            new Quad(Ex("s"), Ex("n"), Literal.Typed("1", Xsd.Integer)),
            new Quad(Ex("s"), Ex("n"), Literal.Typed("2.5", Xsd.Decimal)),
            new Quad(Ex("s"), Ex("n"), Literal.Typed("1E3", Xsd.Double)),
            new Quad(Ex("s"), Ex("n"), Literal.Typed("true", Xsd.Boolean)),
            new Quad(Ex("s"), Ex("n"), Literal.Typed("01.", Xsd.Decimal)),
            new Quad(Ex("s"), Ex("l"), Literal.LangString("hi", "en")),
            new Quad(Ex("s"), Ex("d"), Literal.Typed("2024-01-01", Xsd.Date)),
            new Quad(Ex("t/x"), Ex("p"), Ex("a.")),
        ], RdfFormat.Turtle, ExPrefix);
        Assert.Equal("""
            @prefix ex: <http://example.org/> .
            @prefix owl: <http://www.w3.org/2002/07/owl#> .
            @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

            ex:s a ex:C ;
                ex:n 1 ,
                    2.5 ,
                    1E3 ,
                    true ,
                    "01."^^xsd:decimal ;
                ex:l "hi"@en ;
                ex:d "2024-01-01"^^xsd:date .

            <http://example.org/t/x> ex:p <http://example.org/a.> .

            """.Replace("\r\n", "\n"), text);
    }

    [Fact]
    public void TriG_groups_consecutive_quads_of_a_graph_into_one_block()
    {
        var text = Write(
        [
            new Quad(Ex("s"), Ex("p"), Ex("o")),
            new Quad(Ex("s"), Ex("p"), Ex("o"), Ex("g")),
            new Quad(Ex("s"), Ex("q"), Ex("o"), Ex("g")),
            new Quad(Ex("s"), Ex("p"), Ex("o"), Ex("h")),
            new Quad(Ex("s"), Ex("p"), Ex("o2")),
        ], RdfFormat.TriG, new RdfWriterOptions { Prefixes = ExPrefix.Prefixes });
        var body = text[text.IndexOf("\n\n", StringComparison.Ordinal)..].Trim();
        Assert.Equal("""
            ex:s ex:p ex:o .

            GRAPH ex:g {
                ex:s ex:p ex:o ;
                    ex:q ex:o .
            }

            GRAPH ex:h {
                ex:s ex:p ex:o .
            }

            ex:s ex:p ex:o2 .
            """.Replace("\r\n", "\n"), body);
    }

    [Fact]
    public void Base_iri_makes_relative_references_that_read_back_the_same()
    {
        var quads = new[] { new Quad(new Iri("http://example.org/dir/a"), Ex("dir/b#c"), new Iri("http://other.org/x")) };
        var text = Write(quads, RdfFormat.Turtle, new RdfWriterOptions { BaseIri = "http://example.org/dir/" });
        Assert.Contains("<a> <b#c> <http://other.org/x> .", text);
        Assert.Equal(quads, Parse(text, RdfFormat.Turtle));
    }

    [Fact]
    public void Blank_node_ids_that_are_not_labels_are_escaped()
    {
        var quads = new[] { new Quad(new BlankNode("has space"), Ex("p"), new BlankNode("ok1")) };
        foreach (var format in new[] { RdfFormat.NTriples, RdfFormat.Turtle })
        {
            var text = Write(quads, format);
            Assert.Contains("_:has_x0020_space", text);
            Assert.True(Isomorphism.AreIsomorphic(quads, Parse(text, format)));
        }
    }

    [Fact]
    public void Multi_line_text_is_written_as_a_long_string()
    {
        var quad = new Quad(Ex("s"), Ex("p"), Literal.Simple("first \"line\"\nsecond\r\nthird\\"));
        var text = Write([quad], RdfFormat.Turtle, ExPrefix);
        Assert.Contains("ex:s ex:p \"\"\"first \\\"line\\\"\nsecond\\r\nthird\\\\\"\"\" .", text);
        Assert.Equal([quad], Parse(text, RdfFormat.Turtle));
    }

    [Fact]
    public void Tricky_strings_and_local_names_round_trip_through_Turtle()
    {
        var quads = new[]
        {
            new Quad(Ex("a-b_c.d"), Ex("p"), Literal.Simple("line1\nline2 \"quoted\" \\ 'single'")),
            new Quad(Ex("1abc"), Ex("p%20q"), Literal.LangString("x", "en-us")),
            new Quad(Ex("with/slash"), Ex("p"), Literal.Typed("-0", Xsd.Integer)),
            new Quad(Ex(""), Ex("p"), Literal.Typed(".5", Xsd.Decimal)),
            new Quad(Ex("x"), Ex("p"), Literal.Typed("NaN", Xsd.Double)),
        };
        foreach (var format in new[] { RdfFormat.Turtle, RdfFormat.TriG })
            Assert.Equal(quads, Parse(Write(quads, format, ExPrefix), format));
    }

    [Theory]
    [InlineData(".nq.gz")]
    [InlineData(".trig.gz")]
    [InlineData(".nt")]
    [InlineData(".ttl")]
    public void Files_written_by_extension_read_back_the_same(string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ts-{Guid.NewGuid():N}{extension}");
        var graph = RdfFormats.TryFromPath(path, out var format, out _) && RdfFormats.SupportsNamedGraphs(format) ? Ex("g") : null;
        var quads = Enumerable.Range(0, 1000)
            .Select(i => new Quad(Ex("s" + i / 10), Ex("p" + i % 3), Literal.Typed(i.ToString(), Xsd.Integer), graph))
            .ToList();
        try
        {
            using (var writer = RdfSerializer.CreateFile(path, options: ExPrefix))
                foreach (var q in quads) writer.Write(q);
            using var reader = RdfParser.OpenFile(path);
            Assert.Equal(format, reader.Format);
            Assert.Equal(quads, reader.ReadAll().ToList());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
