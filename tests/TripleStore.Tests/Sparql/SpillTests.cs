using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Tests.Storage;
using Xunit;
using static TripleStore.Tests.Sparql.SparqlTestData;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// ORDER BY, DISTINCT and GROUP BY past MaxRowsInMemory: with a spill folder they give exactly what
/// they give in memory, and leave no file behind however the query ends.
/// </summary>
public sealed class SpillTests : IDisposable
{
    private const int Items = 1_500;
    private const int TinyLimit = 100;
    private readonly TempFolder _temp = new();
    private readonly InMemoryDataset _data = Mixed();

    public void Dispose() => _temp.Dispose();

    private string SpillFolder => _temp.Combine("spill");

    private QueryOptions Spilling => new() { MaxRowsInMemory = TinyLimit, SpillDirectory = SpillFolder };

    /// <summary>Items with values of every kind ORDER BY distinguishes, many ties, and some unbound.</summary>
    private static InMemoryDataset Mixed()
    {
        var ds = new InMemoryDataset();
        var g = new BlankNode("shared");
        for (int i = 0; i < Items; i++)
        {
            var s = Ex("i" + i);
            ds.Add(new Quad(s, RdfVocabulary.Type, Ex("Item")));
            ds.Add(new Quad(s, Ex("group"), Literal.Typed((i % 250).ToString(), Xsd.Integer)));
            ds.Add(new Quad(s, Ex("n"), Literal.Typed((i % 97).ToString(), Xsd.Integer)));
            ds.Add(new Quad(s, Ex("name"), Literal.Simple("name" + (i % 400))));
            Term? v = (i % 11) switch
            {
                0 => null,
                1 => Literal.Typed((i % 13).ToString(), Xsd.Integer),
                2 => Literal.Typed((i % 7) + ".5", Xsd.Decimal),
                3 => Literal.Typed((i % 5) + "E0", Xsd.Double),
                4 => Literal.LangString("wert" + (i % 9), i % 2 == 0 ? "de" : "en"),
                5 => Literal.Simple("text" + (i % 17)),
                6 => Literal.Typed("2024-01-0" + (1 + i % 9) + "T00:00:00Z", Xsd.DateTime),
                7 => Ex("v" + (i % 23)),
                8 => i % 3 == 0 ? g : new BlankNode("b" + (i % 19)),
                9 => Literal.Typed(i % 2 == 0 ? "true" : "false", Xsd.Boolean),
                _ => Literal.Typed("x" + (i % 6), new Iri("http://example.org/custom")),
            };
            if (v is not null) ds.Add(new Quad(s, Ex("v"), v));
        }
        return ds;
    }

    private const string Where = "WHERE { ?s a :Item ; :group ?g ; :n ?n ; :name ?name OPTIONAL { ?s :v ?v } }";

    private List<Dictionary<string, string?>> InMemory(string query) => Select(_data, query);

    private List<Dictionary<string, string?>> Spilled(string query)
    {
        var rows = Select(_data, query, Spilling);
        Assert.True(!Directory.Exists(SpillFolder) || Directory.GetFiles(SpillFolder).Length == 0, "spill files left behind");
        return rows;
    }

    /// <summary>The query cannot run in memory under the tiny limit, so a success went through the spill files.</summary>
    private void AssertNeedsSpill(string query)
    {
        var e = Assert.Throws<TripleStoreException>(() => Select(_data, query, new QueryOptions { MaxRowsInMemory = TinyLimit }));
        Assert.Equal(ErrorCodes.LimitExceeded, e.ErrorCode);
    }

    private static List<string> Render(List<Dictionary<string, string?>> rows) =>
        rows.Select(r => string.Join(" ", r.Select(kv => kv.Key + "=" + (kv.Value ?? "UNDEF")))).ToList();

    [Theory]
    [InlineData("SELECT ?s ?v " + Where + " ORDER BY ?v")]
    [InlineData("SELECT ?s ?v " + Where + " ORDER BY DESC(?v)")]
    [InlineData("SELECT ?s ?g ?v " + Where + " ORDER BY ?g DESC(?v) ?s")]
    [InlineData("SELECT ?s ?n ?name " + Where + " ORDER BY DESC(?n) STR(?name)")]
    [InlineData("SELECT ?s ?v " + Where + " ORDER BY ?v LIMIT 700 OFFSET 20")]
    [InlineData("SELECT ?s ?v " + Where + " ORDER BY DESC(?v) LIMIT 5")]
    public void Order_by_gives_the_in_memory_order_when_it_spills(string query)
    {
        if (!query.Contains("LIMIT 5")) AssertNeedsSpill(query);
        var expected = Render(InMemory(query));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Render(Spilled(query)));
    }

    [Theory]
    [InlineData("SELECT DISTINCT ?name " + Where)]
    [InlineData("SELECT DISTINCT ?v " + Where)]
    [InlineData("SELECT DISTINCT ?name ?g " + Where + " ORDER BY DESC(?g)")]
    [InlineData("SELECT DISTINCT ?n ?v " + Where + " ORDER BY ?v ?n")]
    [InlineData("SELECT REDUCED ?name " + Where)]
    public void Distinct_gives_the_in_memory_rows_in_the_same_order_when_it_spills(string query)
    {
        if (!query.Contains("REDUCED")) AssertNeedsSpill(query);
        var expected = Render(InMemory(query));
        Assert.Equal(expected, Render(Spilled(query)));
        if (query.StartsWith("SELECT DISTINCT ?name WHERE")) Assert.Equal(400, expected.Count);
    }

    [Theory]
    [InlineData("SELECT ?g (COUNT(*) AS ?c) (COUNT(?v) AS ?cv) (SUM(?n) AS ?sum) (AVG(?n) AS ?avg) (MIN(?v) AS ?min) (MAX(?v) AS ?max) " + Where + " GROUP BY ?g")]
    [InlineData("SELECT ?g (GROUP_CONCAT(?name; SEPARATOR=\",\") AS ?names) (SAMPLE(?v) AS ?sample) (GROUP_CONCAT(STR(?v)) AS ?vs) " + Where + " GROUP BY ?g")]
    [InlineData("SELECT ?g (COUNT(DISTINCT ?name) AS ?dn) (GROUP_CONCAT(DISTINCT ?name) AS ?dnames) (SUM(DISTINCT ?n) AS ?ds) (COUNT(DISTINCT *) AS ?dr) " + Where + " GROUP BY ?g")]
    [InlineData("SELECT ?k (COUNT(*) AS ?c) (SUM(?v) AS ?sum) " + Where + " GROUP BY (CONCAT(STR(?n), \"/\", STR(?v)) AS ?k) HAVING (COUNT(*) < 3)")]
    [InlineData("SELECT ?g ?n (COUNT(*) AS ?c) " + Where + " GROUP BY ?g ?n ORDER BY DESC(?c) ?g ?n")]
    public void Group_by_gives_the_in_memory_groups_and_aggregates_when_it_spills(string query)
    {
        AssertNeedsSpill(query);
        var expected = Render(InMemory(query));
        var actual = Render(Spilled(query));
        if (!query.Contains("ORDER BY"))
        {
            expected.Sort(StringComparer.Ordinal);
            actual.Sort(StringComparer.Ordinal);
        }
        Assert.True(expected.Count > TinyLimit, $"only {expected.Count} groups");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Spill_files_exist_while_rows_stream_and_are_gone_when_the_reader_stops_early()
    {
        var result = (SolutionSequence)SparqlEngine.Evaluate(Prefixes + "SELECT ?s ?v " + Where + " ORDER BY ?v", _data, Spilling);
        using (var e = result.GetEnumerator())
        {
            Assert.True(e.MoveNext());
            Assert.NotEmpty(Directory.GetFiles(SpillFolder));
        }
        Assert.Empty(Directory.GetFiles(SpillFolder));
    }

    [Fact]
    public void Spill_files_are_deleted_when_the_query_is_canceled()
    {
        using var cts = new CancellationTokenSource();
        var options = Spilling with { CancellationToken = cts.Token };
        var result = (SolutionSequence)SparqlEngine.Evaluate(Prefixes + "SELECT DISTINCT ?s ?v " + Where + " ORDER BY ?v", _data, options);
        var e = Assert.Throws<TripleStoreException>(() =>
        {
            foreach (var _ in result)
            {
                Assert.NotEmpty(Directory.GetFiles(SpillFolder));
                cts.Cancel();
            }
        });
        Assert.Equal(ErrorCodes.Canceled, e.ErrorCode);
        Assert.Empty(Directory.GetFiles(SpillFolder));
    }

    [Fact]
    public void Spill_files_are_deleted_when_the_query_times_out()
    {
        var options = Spilling with { Timeout = TimeSpan.FromMilliseconds(300) };
        var result = (SolutionSequence)SparqlEngine.Evaluate(Prefixes + "SELECT ?s ?v " + Where + " ORDER BY ?v", _data, options);
        var e = Assert.Throws<TripleStoreException>(() =>
        {
            foreach (var _ in result) Thread.Sleep(5);
        });
        Assert.Equal(ErrorCodes.QueryTimeout, e.ErrorCode);
        Assert.Empty(Directory.GetFiles(SpillFolder));
    }

    [Fact]
    public void Spill_files_are_deleted_when_the_source_fails_mid_query()
    {
        var source = new CountingQuadSource(_data);
        source.OnPull = () => { if (source.Pulled == 5_000) throw new InvalidOperationException("the source broke"); };
        var result = (SolutionSequence)SparqlEngine.Evaluate(Prefixes + "SELECT ?g (COUNT(*) AS ?c) " + Where + " GROUP BY ?g", source, Spilling);
        var e = Assert.Throws<InvalidOperationException>(() => result.ToList());
        Assert.Equal("the source broke", e.Message);
        Assert.True(Directory.Exists(SpillFolder), "the query never spilled");
        Assert.Empty(Directory.GetFiles(SpillFolder));
    }

    [Fact]
    public void The_spill_cap_fails_with_an_error_naming_it_and_leaves_no_file()
    {
        var options = Spilling with { MaxSpillBytes = 4_096 };
        var e = Assert.Throws<TripleStoreException>(() => Select(_data, "SELECT ?s ?v " + Where + " ORDER BY ?v", options));
        Assert.Equal(ErrorCodes.LimitExceeded, e.ErrorCode);
        Assert.Contains("MaxSpillBytes", e.Message);
        Assert.Contains("ORDER BY", e.Message);
        Assert.Empty(Directory.GetFiles(SpillFolder));
    }

    [Fact]
    public void An_unusable_spill_folder_is_a_clean_io_error()
    {
        var file = _temp.Combine("not-a-folder");
        File.WriteAllText(file, "x");
        var options = Spilling with { SpillDirectory = file };
        var e = Assert.Throws<TripleStoreException>(() => Select(_data, "SELECT DISTINCT ?s ?v " + Where, options));
        Assert.Equal(ErrorCodes.IO, e.ErrorCode);
        Assert.Contains("DISTINCT", e.Message);
        Assert.Contains("SpillPath", e.Message);
    }

    [Fact]
    public void Many_runs_merge_in_several_passes()
    {
        // 1,500 rows in runs of 10 make 150 runs: more than one merge pass takes at once.
        var options = Spilling with { MaxRowsInMemory = 10 };
        const string query = "SELECT ?s ?n " + Where + " ORDER BY ?n DESC(?s)";
        Assert.Equal(Render(InMemory(query)), Render(Select(_data, query, options)));
        Assert.Empty(Directory.GetFiles(SpillFolder));
    }
}
