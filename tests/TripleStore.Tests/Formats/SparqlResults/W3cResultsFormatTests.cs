using TripleStore.Formats.SparqlResults;
using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.Formats.SparqlResults;

/// <summary>
/// The W3C suites' expected results files, which need no query engine: every .srx and .srj parses,
/// a few hold what we know they hold, and the results-format tests' files re-write equivalently.
/// </summary>
public class W3cResultsFormatTests
{
    public static TheoryData<string> XmlFiles => new(W3cResultsFiles.Find("*.srx").Select(W3cResultsFiles.Relative));
    public static TheoryData<string> JsonFiles => new(W3cResultsFiles.Find("*.srj").Select(W3cResultsFiles.Relative));

    private static SparqlResultSet ReadFile(string relative, SparqlResultsFormat format)
    {
        using var reader = File.OpenText(W3cResultsFiles.Full(relative));
        return SparqlResultsReader.Read(reader, format, relative);
    }

    [Fact]
    public void The_suites_hold_the_expected_number_of_results_files()
    {
        int xml = W3cResultsFiles.Find("*.srx").Count(), json = W3cResultsFiles.Find("*.srj").Count();
        Assert.True(xml >= 400, $"only {xml} .srx files found");
        Assert.True(json >= 6, $"only {json} .srj files found");
    }

    [Theory]
    [MemberData(nameof(XmlFiles))]
    public void Every_srx_file_parses_and_rewrites_equivalently(string relative) => AssertRewrites(relative, SparqlResultsFormat.Xml);

    [Theory]
    [MemberData(nameof(JsonFiles))]
    public void Every_srj_file_parses_and_rewrites_equivalently(string relative) => AssertRewrites(relative, SparqlResultsFormat.Json);

    private static void AssertRewrites(string relative, SparqlResultsFormat format)
    {
        var original = ReadFile(relative, format);
        var text = new StringWriter();
        var writer = SparqlResultsWriter.Create(text, format);
        if (original.Boolean is bool b) writer.WriteBoolean(b);
        else
        {
            writer.WriteHeader(original.Variables);
            foreach (var row in original.Rows) writer.WriteRow(row);
        }
        writer.Finish();
        var again = SparqlResultsReader.Read(new StringReader(text.ToString()), format);
        Assert.Equal(original.Boolean, again.Boolean);
        Assert.Equal(original.Variables, again.Variables);
        ResultRows.AssertEquivalent(original.Rows, again.Rows);
    }

    [Fact]
    public void Jsonres01_holds_six_rows_of_every_kind()
    {
        var r = ReadFile("sparql11/json-res/jsonres01.srj", SparqlResultsFormat.Json);
        Assert.Equal(["s", "p", "o"], r.Variables);
        Assert.Equal(6, r.Rows.Count);
        Assert.Equal(new Iri("http://example.org/s1"), r.Rows[0][0]);
        Assert.Equal(Literal.Simple("foo"), r.Rows[1][2]);
        Assert.Equal(Literal.Typed("4", Xsd.Integer), r.Rows[3][2]);
        Assert.Equal(Literal.Typed("5", Xsd.Decimal), r.Rows[4][2]);
        Assert.IsType<BlankNode>(r.Rows[5][2]);
    }

    [Fact]
    public void Jsonres03_is_a_boolean()
    {
        var r = ReadFile("sparql11/json-res/jsonres03.srj", SparqlResultsFormat.Json);
        Assert.True(r.Boolean);
    }

    [Fact]
    public void Ucase01_keeps_language_tags_and_unicode()
    {
        var r = ReadFile("sparql11/functions/ucase01.srx", SparqlResultsFormat.Xml);
        Assert.Equal(["s", "ustr"], r.Variables);
        Assert.Equal(7, r.Rows.Count);
        Assert.Equal(Literal.LangString("BAR", "en"), r.Rows[0][1]);
        Assert.Equal(Literal.Simple("\u98DF\u3079\u7269"), r.Rows[1][1]);
    }

    [Fact]
    public void Blank_nodes_with_one_label_are_one_node_within_a_file()
    {
        // bnode02 binds the same BNODE() result in several places of one solution.
        foreach (var relative in new[] { "sparql11/functions/bnode02.srx", "sparql11/functions/plus-2.srx", "sparql11/entailment/owlds02.srx" })
        {
            var path = W3cResultsFiles.Full(relative);
            var labels = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(path), "<bnode>([^<]*)</bnode>")
                .Select(m => m.Groups[1].Value).ToList();
            var r = ReadFile(relative, SparqlResultsFormat.Xml);
            var nodes = r.Rows.SelectMany(row => row).OfType<BlankNode>().ToList();
            Assert.Equal(labels.Count, nodes.Count);
            Assert.Equal(labels.Distinct().Count(), nodes.Distinct().Count());
        }
    }

    public static TheoryData<string> TsvFiles => new(W3cResultsFiles.Find("*.tsv").Select(W3cResultsFiles.Relative));
    public static TheoryData<string> CsvFiles => new(W3cResultsFiles.Find("*.csv").Select(W3cResultsFiles.Relative));

    [Theory]
    [MemberData(nameof(TsvFiles))]
    public void Tsv_expected_results_rewrite_equivalently(string relative)
    {
        var original = ReadFile(relative, SparqlResultsFormat.Tsv);
        var text = new StringWriter();
        var writer = SparqlResultsWriter.Create(text, SparqlResultsFormat.Tsv);
        writer.WriteHeader(original.Variables);
        foreach (var row in original.Rows) writer.WriteRow(row);
        writer.Finish();
        var again = SparqlResultsReader.Read(new StringReader(text.ToString()), SparqlResultsFormat.Tsv);
        Assert.Equal(original.Variables, again.Variables);
        ResultRows.AssertEquivalent(original.Rows, again.Rows);
        // The writer keeps each term's spelling, so the text is the same up to blank node labels.
        Assert.Equal(NormalizeBlankNodes(File.ReadAllText(W3cResultsFiles.Full(relative))), NormalizeBlankNodes(text.ToString()));
    }

    [Theory]
    [MemberData(nameof(CsvFiles))]
    public void Csv_expected_results_rewrite_to_the_same_text(string relative)
    {
        var original = ReadFile(relative, SparqlResultsFormat.Csv);
        var text = new StringWriter();
        var writer = SparqlResultsWriter.Create(text, SparqlResultsFormat.Csv);
        writer.WriteHeader(original.Variables);
        foreach (var row in original.Rows) writer.WriteRow(row);
        writer.Finish();
        // The suite's files use LF; the writer uses RFC 4180's CRLF.
        var expected = NormalizeBlankNodes(File.ReadAllText(W3cResultsFiles.Full(relative)).Replace("\r\n", "\n"));
        Assert.Equal(expected, NormalizeBlankNodes(text.ToString().Replace("\r\n", "\n")));
    }

    [Theory]
    [InlineData("sparql11/csv-tsv-res/csvtsv01")]
    [InlineData("sparql11/csv-tsv-res/csvtsv02")]
    public void Csv_reads_as_the_lossy_projection_of_the_matching_tsv(string stem)
    {
        var tsv = ReadFile(stem + ".tsv", SparqlResultsFormat.Tsv);
        var csv = ReadFile(stem + ".csv", SparqlResultsFormat.Csv);
        Assert.Equal(tsv.Variables, csv.Variables);
        ResultRows.AssertEquivalent(tsv.Rows.Select(r => r.Select(ResultRows.CsvProjection).ToArray()).ToList(), csv.Rows);
    }

    [Fact]
    public void Csvtsv03_tsv_keeps_datatypes()
    {
        var r = ReadFile("sparql11/csv-tsv-res/csvtsv03.tsv", SparqlResultsFormat.Tsv);
        Assert.Equal(Literal.Simple("1"), r.Rows[0][2]);
        Assert.Equal(Literal.Typed("2.2", Xsd.Decimal), r.Rows[1][2]);
        Assert.Equal(Literal.Typed("-3", Xsd.NegativeInteger), r.Rows[2][2]);
        Assert.Equal(Literal.Typed("5,5", new Iri("http://example.org/myCustomDatatype")), r.Rows[4][2]);
        Assert.Equal(Literal.Typed("1.0e6", Xsd.Double), r.Rows[5][2]);
    }

    private static string NormalizeBlankNodes(string text)
    {
        var map = new Dictionary<string, string>();
        return System.Text.RegularExpressions.Regex.Replace(text, "_:[A-Za-z0-9_-]+", m =>
        {
            if (!map.TryGetValue(m.Value, out var label)) map[m.Value] = label = "_:n" + map.Count;
            return label;
        });
    }
}
