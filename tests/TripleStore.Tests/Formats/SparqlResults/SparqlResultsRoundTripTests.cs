using TripleStore.Formats.SparqlResults;
using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.Formats.SparqlResults;

public class SparqlResultsRoundTripTests
{
    private static readonly string[] Variables = ["s", "o", "x"];

    private static List<Term?[]> AllTermKinds()
    {
        var b1 = BlankNode.CreateUnique();
        var b2 = new BlankNode("has space"); // not a safe label: the writer must invent one
        var iri = new Iri("http://example.org/s?q=1&r=2,3");
        return
        [
            [iri, Literal.Simple("plain"), b1],
            [b1, Literal.Simple(""), null],
            [null, Literal.LangString("chat", "en-GB"), b2],
            [b2, Literal.Typed("42", Xsd.Integer), new Iri("urn:isbn:0451450523")],
            [iri, Literal.Typed("-1.50", Xsd.Decimal), Literal.Typed("1.0e6", Xsd.Double)],
            [iri, Literal.Typed("INF", Xsd.Double), Literal.Typed("true", Xsd.Boolean)],
            [iri, Literal.Typed("2011-01-10T14:45:13.815-05:00", Xsd.DateTime), Literal.Typed("x y", new Iri("http://example.org/dt"))],
            [iri, Literal.Simple("quote \" comma , tab \t cr \r lf \n backslash \\ <tag> & done"), Literal.Simple("caf\u00E9 \u65E5\u672C \U0001F600")],
            [iri, Literal.Typed("07", Xsd.Integer), Literal.Typed("abc", Xsd.Integer)],
            [null, null, null],
        ];
    }

    private static string Write(SparqlResultsFormat format, IReadOnlyList<string> variables, IEnumerable<Term?[]> rows)
    {
        var text = new StringWriter();
        var writer = SparqlResultsWriter.Create(text, format);
        writer.WriteHeader(variables);
        foreach (var row in rows) writer.WriteRow(row);
        writer.Finish();
        return text.ToString();
    }

    [Theory]
    [InlineData(SparqlResultsFormat.Json)]
    [InlineData(SparqlResultsFormat.Xml)]
    [InlineData(SparqlResultsFormat.Tsv)]
    public void Every_term_kind_survives_a_round_trip(SparqlResultsFormat format)
    {
        var rows = AllTermKinds();
        var text = Write(format, Variables, rows);
        var read = SparqlResultsReader.Read(new StringReader(text), format);
        Assert.Null(read.Boolean);
        Assert.Equal(Variables, read.Variables);
        ResultRows.AssertEquivalent(rows, read.Rows);
    }

    [Fact]
    public void Csv_keeps_iris_blank_nodes_and_lexical_forms()
    {
        var rows = AllTermKinds();
        var text = Write(SparqlResultsFormat.Csv, Variables, rows);
        var read = SparqlResultsReader.Read(new StringReader(text), SparqlResultsFormat.Csv);
        Assert.Equal(Variables, read.Variables);
        ResultRows.AssertEquivalent(rows.Select(r => r.Select(ResultRows.CsvProjection).ToArray()).ToList(), read.Rows);
    }

    [Theory]
    [InlineData(SparqlResultsFormat.Json, true)]
    [InlineData(SparqlResultsFormat.Json, false)]
    [InlineData(SparqlResultsFormat.Xml, true)]
    [InlineData(SparqlResultsFormat.Xml, false)]
    public void Boolean_results_round_trip(SparqlResultsFormat format, bool value)
    {
        var text = new StringWriter();
        var writer = SparqlResultsWriter.Create(text, format);
        writer.WriteBoolean(value);
        writer.Finish();
        var read = SparqlResultsReader.Read(new StringReader(text.ToString()), format);
        Assert.Equal(value, read.Boolean);
        Assert.Empty(read.Variables);
        Assert.Empty(read.Rows);
    }

    [Theory]
    [InlineData(SparqlResultsFormat.Csv)]
    [InlineData(SparqlResultsFormat.Tsv)]
    public void Csv_and_tsv_refuse_boolean_results(SparqlResultsFormat format)
    {
        var writer = SparqlResultsWriter.Create(new StringWriter(), format);
        Assert.Throws<NotSupportedException>(() => writer.WriteBoolean(true));
    }

    [Theory]
    [InlineData(SparqlResultsFormat.Json)]
    [InlineData(SparqlResultsFormat.Xml)]
    [InlineData(SparqlResultsFormat.Csv)]
    [InlineData(SparqlResultsFormat.Tsv)]
    public void Empty_results_and_empty_headers_round_trip(SparqlResultsFormat format)
    {
        var none = SparqlResultsReader.Read(new StringReader(Write(format, ["a", "b"], [])), format);
        Assert.Equal(["a", "b"], none.Variables);
        Assert.Empty(none.Rows);

        // SELECT * over an empty pattern: no variables and one empty solution.
        var unit = SparqlResultsReader.Read(new StringReader(Write(format, [], [[]])), format);
        Assert.Empty(unit.Variables);
        Assert.Single(unit.Rows);
    }

    [Theory]
    [InlineData(SparqlResultsFormat.Json)]
    [InlineData(SparqlResultsFormat.Xml)]
    [InlineData(SparqlResultsFormat.Csv)]
    [InlineData(SparqlResultsFormat.Tsv)]
    public void A_single_column_of_unbound_values_keeps_its_rows(SparqlResultsFormat format)
    {
        var read = SparqlResultsReader.Read(new StringReader(Write(format, ["v"], [[null], [Literal.Simple("x")], [null]])), format);
        Assert.Equal(3, read.Rows.Count);
        Assert.Null(read.Rows[0][0]);
        Assert.Equal(Literal.Simple("x"), read.Rows[1][0]);
        Assert.Null(read.Rows[2][0]);
    }

    [Fact]
    public void Large_results_stream_through_the_json_writer_in_chunks()
    {
        var rows = Enumerable.Range(0, 5000).Select(i => new Term?[] { Literal.Typed(i.ToString(), Xsd.Integer), Literal.Simple("row " + i + " \u00E9") }).ToList();
        var text = Write(SparqlResultsFormat.Json, ["n", "label"], rows);
        var read = SparqlResultsReader.Read(new StringReader(text), SparqlResultsFormat.Json);
        ResultRows.AssertEquivalent(rows, read.Rows);
    }

    [Fact]
    public void Streaming_reader_yields_rows_once()
    {
        var text = Write(SparqlResultsFormat.Xml, ["v"], [[Literal.Simple("a")], [Literal.Simple("b")]]);
        var reader = SparqlResultsReader.Open(new StringReader(text), SparqlResultsFormat.Xml);
        Assert.Equal(["v"], reader.Variables);
        Assert.Equal(["a", "b"], reader.ReadRows().Select(r => ((Literal)r[0]!).Value));
        Assert.Throws<InvalidOperationException>(() => reader.ReadRows());
    }

    [Fact]
    public void The_same_blank_node_label_in_two_documents_is_two_nodes()
    {
        const string doc = "?b\n_:x\n";
        var first = SparqlResultsReader.Read(new StringReader(doc), SparqlResultsFormat.Tsv);
        var second = SparqlResultsReader.Read(new StringReader(doc), SparqlResultsFormat.Tsv);
        Assert.NotEqual(first.Rows[0][0], second.Rows[0][0]);
    }

    [Fact]
    public void Writers_check_the_call_order_and_row_width()
    {
        var writer = SparqlResultsWriter.Create(new StringWriter(), SparqlResultsFormat.Json);
        Assert.Throws<InvalidOperationException>(() => writer.WriteRow(new Term?[0]));
        Assert.Throws<ArgumentException>(() => writer.WriteHeader(["?x"]));
        writer.WriteHeader(["x"]);
        Assert.Throws<ArgumentException>(() => writer.WriteRow(new Term?[2]));
        Assert.Throws<InvalidOperationException>(() => writer.WriteBoolean(true));
        writer.Finish();
        writer.Finish();
    }
}
