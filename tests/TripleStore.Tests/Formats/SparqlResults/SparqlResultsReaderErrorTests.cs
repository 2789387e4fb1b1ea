using TripleStore.Formats;
using TripleStore.Formats.SparqlResults;
using Xunit;

namespace TripleStore.Tests.Formats.SparqlResults;

/// <summary>Malformed documents fail with the source, line and column of the problem.</summary>
public class SparqlResultsReaderErrorTests
{
    private static RdfSyntaxException Fails(string text, SparqlResultsFormat format) =>
        Assert.Throws<RdfSyntaxException>(() => SparqlResultsReader.Read(new StringReader(text), format, "results.txt"));

    [Theory]
    [InlineData("{\"head\":{\"vars\":[\"x\"]},\n \"results\":{\"bindings\":[{\"x\":{\"type\":\"uri\"}}]}}", 2, 30, "both \"type\" and \"value\"")]
    [InlineData("{\"head\":{\"vars\":[\"x\"]},\n \"results\":{\"bindings\":[{\"y\":{\"type\":\"uri\",\"value\":\"http://a\"}}]}}", 2, 25, "does not declare")]
    [InlineData("{\"head\":{\"vars\":[\"x\"]},\"results\":{\"bindings\":[{\"x\":{\"type\":\"iri\",\"value\":\"http://a\"}}]}}", 1, 52, "Unknown binding type")]
    [InlineData("{\"head\":{\"vars\":[\"x\"]},\"results\":{\"bindings\":[{\"x\":{\"type\":\"literal\",\"value\":\"a\",\"xml:lang\":\"en\",\"datatype\":\"http://t\"}}]}}", 1, 52, "both a language tag and a datatype")]
    [InlineData("{\"head\":{\"vars\":[\"x\",\"x\"]},\"results\":{\"bindings\":[]}}", 1, 2, "declared twice")]
    [InlineData("{\"head\":{}}", 1, 1, "neither")]
    [InlineData("[1]", 1, 1, "must be a JSON object")]
    [InlineData("{\"head\":{\"vars\":[\"x\"]},\n  \"results\":{\"bindings\":[}", 2, 26, "Invalid JSON")]
    [InlineData("{\"head\":{},\"boolean\":\"yes\"}", 1, 22, "true or false")]
    public void Json_errors(string text, int line, int column, string message)
    {
        var e = Fails(text, SparqlResultsFormat.Json);
        Assert.Equal("results.txt", e.Position.Source);
        Assert.Equal((line, column), (e.Position.Line, e.Position.Column));
        Assert.Contains(message, e.Message);
        Assert.Equal(ErrorCodes.RdfSyntax, e.ErrorCode);
    }

    private const string XmlHead = "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n<head><variable name=\"x\"/></head>\n";

    [Theory]
    [InlineData("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\"/>", 1, 2, "is empty")]
    [InlineData("<sparql xmlns=\"http://example.org/\"><head/></sparql>", 1, 2, "Expected <sparql>")]
    [InlineData(XmlHead + "<results>\n<result><binding name=\"y\"><uri>http://a</uri></binding></result></results></sparql>", 4, 10, "does not declare")]
    [InlineData(XmlHead + "<results>\n<result><binding name=\"x\"><iri>http://a</iri></binding></result></results></sparql>", 4, 28, "not <iri>")]
    [InlineData(XmlHead + "<results>\n<result><binding name=\"x\"><uri>http://a</uri></binding>", 4, 56, "Invalid XML")]
    [InlineData(XmlHead + "<boolean>maybe</boolean></sparql>", 3, 2, "true or false")]
    [InlineData("<!DOCTYPE sparql [<!ENTITY e \"x\">]><sparql/>", 1, 1, "DTD")] // DTDs are refused
    public void Xml_errors(string text, int line, int column, string message)
    {
        var e = Fails(text, SparqlResultsFormat.Xml);
        Assert.Equal((line, column), (e.Position.Line, e.Position.Column));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("", 1, 1, "empty")]
    [InlineData("a,b\n1,2\n\"open,3\n", 3, 1, "not closed")]
    [InlineData("a,b\n1,2,3\n", 2, 1, "3 fields")]
    [InlineData("a,b\nx\"y,2\n", 2, 2, "quoted field")]
    [InlineData("a,b\n\"x\"y,2\n", 2, 4, "closing quote")]
    [InlineData("a,a\n", 1, 1, "twice")]
    public void Csv_errors(string text, int line, int column, string message)
    {
        var e = Fails(text, SparqlResultsFormat.Csv);
        Assert.Equal((line, column), (e.Position.Line, e.Position.Column));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("", 1, 1, "empty")]
    [InlineData("?a\tb\n", 1, 4, "is not a variable")]
    [InlineData("?a\t?b\n<http://a>\n", 2, 1, "1 fields")]
    [InlineData("?a\t?b\n<http://a>\tfoo\n", 2, 12, "not an RDF term")]
    [InlineData("?a\n\"open\n", 2, 1, "missing closing")]
    [InlineData("?a\n\"x\"^^xsd:int\n", 2, 1, "^^<iri>")]
    [InlineData("?a\n\"x\\q\"\n", 2, 1, "not a valid escape")]
    [InlineData("?a\n<http://a> x\n", 2, 1, "unexpected text")]
    public void Tsv_errors(string text, int line, int column, string message)
    {
        var e = Fails(text, SparqlResultsFormat.Tsv);
        Assert.Equal((line, column), (e.Position.Line, e.Position.Column));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Json_accepts_members_in_any_order_and_skips_unknown_ones()
    {
        const string text = """
            { "results": { "bindings": [ { "x": { "value": "5", "type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "extra": [1, {"a": 2}] } } ], "distinct": false },
              "head": { "link": ["http://example.org/doc"], "vars": ["x"] },
              "extension": { "nested": [true] } }
            """;
        var r = SparqlResultsReader.Read(new StringReader(text), SparqlResultsFormat.Json);
        Assert.Equal(["x"], r.Variables);
        Assert.Equal(TripleStore.Rdf.Literal.Typed("5", TripleStore.Rdf.Xsd.Integer), r.Rows[0][0]);
    }

    [Fact]
    public void Xml_reads_links_whitespace_literals_and_empty_results()
    {
        const string text = """
            <?xml version="1.0"?>
            <sparql xmlns="http://www.w3.org/2005/sparql-results#">
              <head><variable name="x"/><link href="meta.rdf"/></head>
              <results>
                <result><binding name="x"><literal>  </literal></binding></result>
                <result/>
                <result><binding name="x"><literal/></binding></result>
              </results>
            </sparql>
            """;
        var r = SparqlResultsReader.Read(new StringReader(text), SparqlResultsFormat.Xml);
        Assert.Equal(3, r.Rows.Count);
        Assert.Equal(TripleStore.Rdf.Literal.Simple("  "), r.Rows[0][0]);
        Assert.Null(r.Rows[1][0]);
        Assert.Equal(TripleStore.Rdf.Literal.Simple(""), r.Rows[2][0]);
        var empty = SparqlResultsReader.Read(new StringReader("<sparql xmlns='http://www.w3.org/2005/sparql-results#'><head/><results/></sparql>"), SparqlResultsFormat.Xml);
        Assert.Empty(empty.Rows);
    }

    [Fact]
    public void Tsv_reads_escapes_numbers_and_booleans()
    {
        const string text = "?a\t?b\t?c\n\"tab\\there \\u00E9 \\U0001F600\"@en\t-1.5e3\tfalse\n'single'\t.5\t<http://a/\\u00E9>\n";
        var r = SparqlResultsReader.Read(new StringReader(text), SparqlResultsFormat.Tsv);
        Assert.Equal(TripleStore.Rdf.Literal.LangString("tab\there \u00E9 \U0001F600", "en"), r.Rows[0][0]);
        Assert.Equal(TripleStore.Rdf.Literal.Typed("-1.5e3", TripleStore.Rdf.Xsd.Double), r.Rows[0][1]);
        Assert.Equal(TripleStore.Rdf.Literal.Typed("false", TripleStore.Rdf.Xsd.Boolean), r.Rows[0][2]);
        Assert.Equal(TripleStore.Rdf.Literal.Simple("single"), r.Rows[1][0]);
        Assert.Equal(TripleStore.Rdf.Literal.Typed(".5", TripleStore.Rdf.Xsd.Decimal), r.Rows[1][1]);
        Assert.Equal(new TripleStore.Rdf.Iri("http://a/\u00E9"), r.Rows[1][2]);
    }
}
