using TripleStore.Formats.SparqlResults;
using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.Formats.SparqlResults;

/// <summary>The exact text each writer produces for a small result, as the format specifications show it.</summary>
public class SparqlResultsWriterFormatTests
{
    private static readonly Term?[][] Rows =
    [
        [new Iri("http://example.org/a"), Literal.LangString("chat", "fr"), new BlankNode("b0")],
        [null, Literal.Typed("4", Xsd.Integer), Literal.Simple("x,\"y\"")],
    ];

    private static string Write(SparqlResultsFormat format)
    {
        var text = new StringWriter();
        var writer = SparqlResultsWriter.Create(text, format);
        writer.WriteHeader(["s", "o", "z"]);
        foreach (var row in Rows) writer.WriteRow(row);
        writer.Finish();
        return text.ToString();
    }

    [Fact]
    public void Json()
    {
        Assert.Equal(
            """{"head":{"vars":["s","o","z"]},"results":{"bindings":[{"s":{"type":"uri","value":"http://example.org/a"},"o":{"type":"literal","value":"chat","xml:lang":"fr"},"z":{"type":"bnode","value":"b0"}},{"o":{"type":"literal","value":"4","datatype":"http://www.w3.org/2001/XMLSchema#integer"},"z":{"type":"literal","value":"x,\"y\""}}]}}""" + "\n",
            Write(SparqlResultsFormat.Json));
    }

    [Fact]
    public void Xml()
    {
        var expected = """
            <?xml version="1.0"?>
            <sparql xmlns="http://www.w3.org/2005/sparql-results#">
              <head>
                <variable name="s" />
                <variable name="o" />
                <variable name="z" />
              </head>
              <results>
                <result>
                  <binding name="s">
                    <uri>http://example.org/a</uri>
                  </binding>
                  <binding name="o">
                    <literal xml:lang="fr">chat</literal>
                  </binding>
                  <binding name="z">
                    <bnode>b0</bnode>
                  </binding>
                </result>
                <result>
                  <binding name="o">
                    <literal datatype="http://www.w3.org/2001/XMLSchema#integer">4</literal>
                  </binding>
                  <binding name="z">
                    <literal>x,"y"</literal>
                  </binding>
                </result>
              </results>
            </sparql>

            """.Replace("\r\n", "\n");
        Assert.Equal(expected, Write(SparqlResultsFormat.Xml));
    }

    [Fact]
    public void Csv() =>
        Assert.Equal("s,o,z\r\nhttp://example.org/a,chat,_:b0\r\n,4,\"x,\"\"y\"\"\"\r\n", Write(SparqlResultsFormat.Csv));

    [Fact]
    public void Tsv() =>
        Assert.Equal("?s\t?o\t?z\n<http://example.org/a>\t\"chat\"@fr\t_:b0\n\t4\t\"x,\\\"y\\\"\"\n", Write(SparqlResultsFormat.Tsv));

    [Fact]
    public void Boolean_json_and_xml()
    {
        var json = new StringWriter();
        var w = SparqlResultsWriter.Create(json, SparqlResultsFormat.Json);
        w.WriteBoolean(true);
        w.Finish();
        Assert.Equal("{\"head\":{},\"boolean\":true}\n", json.ToString());

        var xml = new StringWriter();
        w = SparqlResultsWriter.Create(xml, SparqlResultsFormat.Xml);
        w.WriteBoolean(false);
        w.Finish();
        Assert.Contains("<boolean>false</boolean>", xml.ToString());
        Assert.Contains("<head />", xml.ToString());
    }

    [Fact]
    public void Xml_refuses_characters_xml_cannot_carry()
    {
        var w = SparqlResultsWriter.Create(new StringWriter(), SparqlResultsFormat.Xml);
        w.WriteHeader(["v"]);
        var e = Assert.Throws<TripleStoreException>(() => w.WriteRow([Literal.Simple("bell \u0007")]));
        Assert.Contains("?v", e.Message);
    }

    [Fact]
    public void Media_types_and_extensions()
    {
        Assert.Equal("application/sparql-results+json", SparqlResultsFormats.MediaType(SparqlResultsFormat.Json));
        Assert.True(SparqlResultsFormats.TryFromMediaType("text/tab-separated-values; charset=utf-8", out var f));
        Assert.Equal(SparqlResultsFormat.Tsv, f);
        Assert.True(SparqlResultsFormats.TryFromExtension(".SRX", out f));
        Assert.Equal(SparqlResultsFormat.Xml, f);
        Assert.False(SparqlResultsFormats.TryFromExtension("ttl", out _));
    }
}
