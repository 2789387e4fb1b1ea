using System.IO.Compression;
using System.Text;
using TripleStore.Formats;
using TripleStore.Rdf;
using Xunit;
using static TripleStore.Tests.Formats.Rdf;

namespace TripleStore.Tests.Formats;

public class TurtleReaderTests
{
    private const string Prefix = "@prefix ex: <http://example.org/> .\n";

    [Fact]
    public void Error_names_source_line_column_and_what_was_expected()
    {
        var text = Prefix + "ex:a ex:b ex:c .\nex:s ex:p ex:o foo .\n";
        var e = ParseError(text, RdfFormat.Turtle, new RdfReaderOptions { SourceName = "file.ttl" });
        Assert.Equal("file.ttl:3:16: Expected '.' after object, found 'foo'", e.Message);
        Assert.Equal(ErrorCodes.RdfSyntax, e.ErrorCode);
        Assert.Equal(ErrorKind.Parse, e.Kind);
        Assert.Equal(3, e.Position.Line);
        Assert.Equal(16, e.Position.Column);
    }

    [Fact]
    public void Error_at_end_of_input_says_so()
    {
        var e = ParseError(Prefix + "ex:s ex:p ex:o", RdfFormat.Turtle);
        Assert.Equal("<input>:2:15: Expected '.' after object, found end of input", e.Message);
    }

    [Fact]
    public void Line_numbers_count_line_breaks_inside_long_strings_and_comments()
    {
        var text = Prefix + "# a comment\nex:s ex:p \"\"\"one\ntwo\r\nthree\"\"\" .\nex:s ex:p ?x .\n";
        var e = ParseError(text, RdfFormat.Turtle);
        Assert.Equal(6, e.Position.Line);
        Assert.Equal(11, e.Position.Column);
        Assert.Contains("Expected an object", e.Message);
    }

    [Theory]
    [InlineData("ex:s ex:p .", 11, "Expected an object (IRI, blank node, literal, '[' or '('), found '.'")]
    [InlineData("ex:s ex:p + .", 11, "Expected an object (IRI, blank node, literal, '[' or '('), found '+'")]
    [InlineData("ex:s 42 ex:o .", 6, "Expected a predicate (IRI or 'a'), found '42'")]
    [InlineData("ex:s ex:p ex:o ; ex:q .", 23, "Expected an object (IRI, blank node, literal, '[' or '('), found '.'")]
    [InlineData("ex:s ex:p [ ex:q ex:o .", 23, "Expected ']' after object, found '.'")]
    [InlineData("ex:s ex:p ( ex:o .", 18, "Expected an object (IRI, blank node, literal, '[' or '('), found '.'")]
    [InlineData("\"lit\" ex:p ex:o .", 1, "Expected a subject (IRI, blank node, '[' or '('), found '\"'")]
    [InlineData("ex:s ex:p \"x\"@ .", 15, "Expected a language tag after '@', found whitespace")]
    [InlineData("ex:s ex:p \"a\nb\" .", 13, "Expected \" to end the string, found a line break")]
    [InlineData("ex:s ex:p <http://x/a b> .", 22, "is not allowed in an IRI")]
    [InlineData("@prefix ex <http://x/> .", 11, "Expected ':' after the prefix name")]
    [InlineData("PREFIX ex: <http://x/> .", 24, "Expected a subject")]
    public void Errors_point_at_the_offending_token(string statement, int column, string message)
    {
        var e = ParseError(Prefix + statement, RdfFormat.Turtle);
        Assert.Contains(message, e.Message);
        Assert.Equal(2, e.Position.Line);
        Assert.Equal(column, e.Position.Column);
    }

    [Fact]
    public void Subjects_that_start_like_keywords_are_prefixed_names()
    {
        var text = "@prefix prefix: <http://x/> . @prefix graph: <http://y/> .\n" +
                   "graph:g { prefix:s prefix:p prefix:o . base:s <http://x/p> 1 }";
        var quads = Parse(text.Replace("base:s", "prefix:b"), RdfFormat.TriG);
        Assert.Equal(2, quads.Count);
        Assert.All(quads, q => Assert.Equal(new Iri("http://y/g"), q.Graph));
    }

    [Fact]
    public void A_byte_order_mark_in_text_is_skipped()
    {
        Assert.Single(Parse("\uFEFF<http://x/s> <http://x/p> 1 .", RdfFormat.Turtle));
        Assert.Single(Parse("\uFEFF<http://x/s> <http://x/p> \"1\" .", RdfFormat.NTriples));
    }

    [Fact]
    public void The_length_limit_applies_after_the_token_buffer_has_grown()
    {
        var text = Prefix + $"ex:s ex:p \"{new string('a', 600)}\", \"{new string('b', 1010)}\" .";
        var e = ParseError(text, RdfFormat.Turtle, new RdfReaderOptions { MaxTermLength = 1000 });
        Assert.Equal(ErrorCodes.InputTooLarge, e.ErrorCode);
    }

    [Fact]
    public void A_run_of_dots_longer_than_the_read_block_is_looked_across()
    {
        var dots = new string('.', 200_000);
        var quads = Parse(Prefix + $"ex:s ex:p ex:a{dots}b .", RdfFormat.Turtle);
        Assert.Equal(Ex("a" + dots + "b"), quads.Single().Object);
        var e = ParseError(Prefix + $"ex:s ex:p ex:a{dots}b .", RdfFormat.Turtle, new RdfReaderOptions { MaxTermLength = 1000 });
        Assert.Equal(ErrorCodes.InputTooLarge, e.ErrorCode);
    }

    [Fact]
    public void Undeclared_prefix_is_an_error_that_names_the_prefix()
    {
        var e = ParseError("foo:s <http://x/p> <http://x/o> .", RdfFormat.Turtle);
        Assert.Contains("prefix 'foo:' is not declared", e.Message);
        Assert.Equal(1, e.Position.Column);
    }

    [Fact]
    public void Lenient_mode_reports_each_bad_statement_and_goes_on_after_it()
    {
        var errors = new List<RdfSyntaxError>();
        var text = Prefix + "ex:a ex:p 1 .\nex:b ex:p ex:o oops .\nex:c ex:p <bad iri> .\nex:d ex:p 4 .\n";
        using var reader = RdfParser.Create(new StringReader(text), RdfFormat.Turtle,
            new RdfReaderOptions { Lenient = true, OnError = errors.Add, BaseIri = "http://example.org/" });
        var quads = reader.ReadAll().ToList();
        // The triple of line 3 was complete before the stray token; what follows it is skipped.
        Assert.Equal([Ex("a"), Ex("b"), Ex("d")], quads.Select(q => q.Subject));
        Assert.Equal(2, reader.ErrorCount);
        Assert.Equal([3L, 4L], errors.Select(e => e.Line));
    }

    [Fact]
    public void Lenient_mode_recovers_inside_a_graph_block()
    {
        var errors = new List<RdfSyntaxError>();
        var text = Prefix + "ex:g { ex:a ex:p 1 . ex:b ex:p . }\nex:c ex:p 3 .\n";
        var quads = Parse(text, RdfFormat.TriG, new RdfReaderOptions { Lenient = true, OnError = errors.Add });
        Assert.Single(errors);
        Assert.Equal([Ex("a"), Ex("c")], quads.Select(q => q.Subject));
        Assert.Equal(Ex("g"), quads[0].Graph);
        Assert.Null(quads[1].Graph);
    }

    [Theory]
    [InlineData('[', "ex:p ")]
    [InlineData('(', "")]
    public void Deep_nesting_gives_an_error_not_a_stack_overflow(char open, string inner)
    {
        var sb = new StringBuilder(Prefix + "ex:s ex:p ");
        for (int i = 0; i < 1_000_000; i++) sb.Append(open).Append(inner);
        var e = ParseError(sb.ToString(), RdfFormat.Turtle);
        Assert.Equal(ErrorCodes.InputTooDeep, e.ErrorCode);
        Assert.Contains("MaxNestingDepth", e.Message);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_accepted()
    {
        var text = Prefix + "ex:s ex:p " + string.Concat(Enumerable.Repeat("[ ex:p ", 50)) + "1" + new string(']', 50) + " .";
        Assert.Equal(51, Parse(text, RdfFormat.Turtle, new RdfReaderOptions { MaxNestingDepth = 50 }).Count);
        var e = ParseError(text, RdfFormat.Turtle, new RdfReaderOptions { MaxNestingDepth = 49 });
        Assert.Equal(ErrorCodes.InputTooDeep, e.ErrorCode);
    }

    [Fact]
    public void Literal_longer_than_the_limit_is_rejected_even_in_lenient_mode()
    {
        var text = Prefix + "ex:s ex:p \"" + new string('x', 5000) + "\" .";
        var e = ParseError(text, RdfFormat.Turtle, new RdfReaderOptions { MaxTermLength = 1000, Lenient = true });
        Assert.Equal(ErrorCodes.InputTooLarge, e.ErrorCode);
        Assert.Equal(ErrorCodes.InputTooLarge, ParseError(text.Replace('"', '\''), RdfFormat.Turtle,
            new RdfReaderOptions { MaxTermLength = 1000 }).ErrorCode);
    }

    [Fact]
    public void Blank_node_labels_are_scoped_per_document()
    {
        var first = Parse("_:b <http://x/p> _:b .", RdfFormat.Turtle);
        var second = Parse("_:b <http://x/p> _:b .", RdfFormat.Turtle);
        Assert.Equal(first[0].Subject, first[0].Object);
        Assert.NotEqual(first[0].Subject, second[0].Subject);

        var shared = new BlankNodeScope();
        var a = Parse("_:b <http://x/p> 1 .", RdfFormat.Turtle, new RdfReaderOptions { BlankNodes = shared });
        var b = Parse("_:b <http://x/p> \"2\" .", RdfFormat.NTriples, new RdfReaderOptions { BlankNodes = shared });
        Assert.Equal(a[0].Subject, b[0].Subject);
    }

    [Fact]
    public void Reads_gzip_files_by_extension_with_the_file_as_base_and_source()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ts-{Guid.NewGuid():N}.ttl.gz");
        try
        {
            using (var file = File.Create(path))
            using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            using (var text = new StreamWriter(gzip))
                text.Write("<s> <http://x/p> \"ok\" .\n<s> <http://x/p> bad");
            using var reader = RdfParser.OpenFile(path);
            Assert.Equal(RdfFormat.Turtle, reader.Format);
            Assert.True(reader.TryRead(out var q));
            Assert.Equal(new Uri(path).AbsoluteUri.Replace(Path.GetFileName(path), "s"), ((Iri)q.Subject).Value);
            var e = Assert.Throws<RdfSyntaxException>(() => reader.TryRead(out _));
            Assert.StartsWith(Path.GetFullPath(path) + ":2:", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reads_every_term_form()
    {
        var text = """
            @base <http://example.org/base/> .
            PREFIX ex: <http://example.org/>
            <s> a ex:C ; ex:n 1, -2.50, 1.0e3, .5E-1, true, false ;
                ex:s "a", 'b', "c"@en-GB, "d"^^ex:dt, '''e
            f''', ex:loc\,al, ex:p%41 .
            BASE <http://other.org/>
            <t> ex:l ( 1 [ ex:q 2 ] ) .
            """;
        var quads = Parse(text, RdfFormat.Turtle);
        var objects = quads.Where(q => q.Subject.Equals(new Iri("http://example.org/base/s"))).Select(q => q.Object.ToString()).ToList();
        Assert.Equal(
        [
            "<http://example.org/C>",
            "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>",
            "\"-2.50\"^^<http://www.w3.org/2001/XMLSchema#decimal>",
            "\"1.0e3\"^^<http://www.w3.org/2001/XMLSchema#double>",
            "\".5E-1\"^^<http://www.w3.org/2001/XMLSchema#double>",
            "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>",
            "\"false\"^^<http://www.w3.org/2001/XMLSchema#boolean>",
            "\"a\"", "\"b\"", "\"c\"@en-gb", "\"d\"^^<http://example.org/dt>", "\"e\\nf\"",
            "<http://example.org/loc,al>", "<http://example.org/p%41>",
        ], objects);
        Assert.Contains(quads, q => q.Subject.Equals(new Iri("http://other.org/t")));
        Assert.Equal(6, quads.Count(q => !q.Subject.Equals(new Iri("http://example.org/base/s"))));
    }

    [Fact]
    public void Number_followed_by_statement_dot_is_an_integer()
    {
        var quads = Parse(Prefix + "ex:s ex:p 42.", RdfFormat.Turtle);
        Assert.Equal(Literal.Typed("42", Xsd.Integer), quads[0].Object);
    }

    [Fact]
    public void Relative_iri_without_base_is_an_error()
    {
        var e = ParseError("<s> <p> <o> .", RdfFormat.Turtle);
        Assert.Contains("no base IRI", e.Message);
    }

    [Fact]
    public void DefaultGraph_option_places_triples_outside_graph_blocks()
    {
        var g = Ex("default");
        var quads = Parse(Prefix + "ex:a ex:p 1 . GRAPH ex:g { ex:b ex:p 2 } { ex:c ex:p 3 }", RdfFormat.TriG,
            new RdfReaderOptions { DefaultGraph = g });
        Assert.Equal([g, Ex("g"), g], quads.Select(q => q.Graph));
        Assert.Equal(g, Parse(Prefix + "ex:a ex:p 1 .", RdfFormat.Turtle, new RdfReaderOptions { DefaultGraph = g })[0].Graph);
    }

    [Fact]
    public void Prefixes_declared_so_far_are_exposed()
    {
        using var reader = RdfParser.Create(new StringReader(Prefix + "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nex:s ex:p 1 ."), RdfFormat.Turtle);
        Assert.True(reader.TryRead(out _));
        Assert.Equal("http://example.org/", reader.Prefixes["ex"]);
        Assert.Equal("http://xmlns.com/foaf/0.1/", reader.Prefixes["foaf"]);
        Assert.Equal(1, reader.StatementCount);
    }

    [Fact]
    public void Reading_is_streaming_over_an_endless_input()
    {
        using var reader = RdfParser.Create(new EndlessTurtle(), RdfFormat.Turtle);
        for (int i = 0; i < 200_000; i++) Assert.True(reader.TryRead(out _));
        Assert.Equal(200_000, reader.StatementCount);
    }

    /// <summary>An input that never ends: a reader that tried to load it whole would never return.</summary>
    private sealed class EndlessTurtle : TextReader
    {
        private const string Line = "<http://example.org/s> <http://example.org/p> \"some literal value\" .\n";
        private long _position;

        public override int Read(char[] buffer, int index, int count)
        {
            for (int i = 0; i < count; i++, _position++) buffer[index + i] = Line[(int)(_position % Line.Length)];
            return count;
        }

        public override int Peek() => Line[(int)(_position % Line.Length)];

        public override int Read() => Line[(int)(_position++ % Line.Length)];
    }
}
