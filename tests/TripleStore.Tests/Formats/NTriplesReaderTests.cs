using TripleStore.Formats;
using TripleStore.Rdf;
using Xunit;
using static TripleStore.Tests.Formats.Rdf;

namespace TripleStore.Tests.Formats;

public class NTriplesReaderTests
{
    [Fact]
    public void Reads_triples_with_every_term_form()
    {
        var quads = Parse("""
            # comment
            <http://x/s> <http://x/p> <http://x/o> .
            _:b1 <http://x/p> "a\tb\u00E9\U0001F600" .
            _:b1 <http://x/p> "chat"@fr-BE . # trailing comment

            <http://x/s> <http://x/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
            """, RdfFormat.NTriples);
        Assert.Equal(4, quads.Count);
        Assert.Equal(Literal.Simple("a\tb\u00E9\U0001F600"), quads[1].Object);
        Assert.Equal(Literal.LangString("chat", "fr-be"), quads[2].Object);
        Assert.Same(Xsd.Integer, ((Literal)quads[3].Object).Datatype);
        Assert.Same(quads[1].Subject, quads[2].Subject);
    }

    [Fact]
    public void Reads_quads_and_the_default_graph_option()
    {
        var g = new Iri("http://x/default");
        var quads = Parse("<http://x/s> <http://x/p> <http://x/o> <http://x/g> .\n<http://x/s> <http://x/p> _:o _:g .\n<http://x/s> <http://x/p> \"v\" .",
            RdfFormat.NQuads, new RdfReaderOptions { DefaultGraph = g });
        Assert.Equal(new Iri("http://x/g"), quads[0].Graph);
        Assert.IsType<BlankNode>(quads[1].Graph);
        Assert.Equal(g, quads[2].Graph);
    }

    [Theory]
    [InlineData("<http://x/s> <http://x/p> <o> .", 27, "not an absolute IRI")]
    [InlineData("<http://x/s> <http://x/p> <http://x/o>", 39, "Expected '.' after object, found end of input")]
    [InlineData("<http://x/s> <http://x/p> <http://x/o> . <http://x/s> <http://x/p> <http://x/o> .", 42, "Expected the end of the line")]
    [InlineData("<http://x/s> \"p\" <http://x/o> .", 14, "Expected a predicate IRI")]
    [InlineData("<http://x/s> <http://x/p> 'o' .", 27, "Expected an object")]
    [InlineData("<http://x/s> <http://x/p> \"a\\qb\" .", 30, "Unknown escape")]
    [InlineData("<http://x/s> <http://x/p> <http://x/o> <http://x/g> .", 40, "Expected '.' after object")]
    public void Errors_name_the_column_and_the_expectation(string line, int column, string message)
    {
        var e = ParseError("# first line\n" + line, RdfFormat.NTriples, new RdfReaderOptions { SourceName = "data.nt" });
        Assert.Equal(2, e.Position.Line);
        Assert.Equal(column, e.Position.Column);
        Assert.Contains(message, e.Message);
        Assert.StartsWith($"data.nt:2:{column}: ", e.Message);
    }

    [Fact]
    public void Lenient_mode_skips_bad_lines_and_reports_them()
    {
        var errors = new List<RdfSyntaxError>();
        var quads = Parse("<http://x/a> <http://x/p> 1 .\n<http://x/b> <http://x/p> <http://x/o> .\n<http://x/c> <x> <http://x/o> .\n",
            RdfFormat.NTriples, new RdfReaderOptions { Lenient = true, OnError = errors.Add });
        Assert.Single(quads);
        Assert.Equal([1L, 3L], errors.Select(e => e.Line));
    }

    [Fact]
    public void Blank_nodes_of_two_documents_differ()
    {
        var a = Parse("_:x <http://x/p> _:x .", RdfFormat.NTriples);
        var b = Parse("_:x <http://x/p> _:x .", RdfFormat.NTriples);
        Assert.Same(a[0].Subject, a[0].Object);
        Assert.NotEqual(a[0].Subject, b[0].Subject);
    }

    [Fact]
    public void Long_iri_beyond_the_limit_is_too_large()
    {
        var e = ParseError($"<http://x/{new string('a', 300)}> <http://x/p> <http://x/o> .", RdfFormat.NTriples,
            new RdfReaderOptions { MaxTermLength = 100 });
        Assert.Equal(ErrorCodes.InputTooLarge, e.ErrorCode);
    }
}
