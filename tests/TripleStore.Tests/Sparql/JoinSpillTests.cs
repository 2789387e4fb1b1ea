using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Tests.Storage;
using Xunit;
using static TripleStore.Tests.Sparql.SparqlTestData;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// Hash joins, hashed OPTIONAL, MINUS, CONSTRUCT and DESCRIBE duplicate removal, property paths and
/// DISTINCT top-k past MaxRowsInMemory: with a spill folder they give what they give in memory (in the
/// same order where the in-memory operator has one), and leave no file behind however the query ends.
/// </summary>
public sealed class JoinSpillTests : IDisposable
{
    private const int Items = 600;
    private const int TinyLimit = 50;
    private readonly TempFolder _temp = new();
    private readonly InMemoryDataset _data = Mixed(new Random(20261130));

    public void Dispose() => _temp.Dispose();

    private string SpillFolder => _temp.Combine("spill");

    private QueryOptions Spilling => new() { MaxRowsInMemory = TinyLimit, SpillDirectory = SpillFolder };

    /// <summary>Random items whose values mix every term kind, with many left unbound, and a cyclic chain.</summary>
    private static InMemoryDataset Mixed(Random random)
    {
        var ds = new InMemoryDataset();
        Term? Value()
        {
            int i = random.Next(40);
            return random.Next(10) switch
            {
                0 or 1 => null,
                2 => Literal.Typed(i.ToString(), Xsd.Integer),
                3 => Literal.Typed(i % 7 + ".5", Xsd.Decimal),
                4 => Literal.LangString("wert" + i % 9, i % 2 == 0 ? "de" : "en"),
                5 => Literal.Simple("text" + i % 17),
                6 => Ex("v" + i % 23),
                7 => new BlankNode("b" + i % 19),
                8 => Literal.Typed(i % 2 == 0 ? "true" : "false", Xsd.Boolean),
                _ => Literal.Typed("x" + i % 6, new Iri("http://example.org/custom")),
            };
        }
        for (int i = 0; i < Items; i++)
        {
            var s = Ex("i" + i);
            ds.Add(new Quad(s, RdfVocabulary.Type, Ex("Item")));
            ds.Add(new Quad(s, Ex("group"), Literal.Typed(random.Next(60).ToString(), Xsd.Integer)));
            ds.Add(new Quad(s, Ex("n"), Literal.Typed(random.Next(40).ToString(), Xsd.Integer)));
            if (Value() is { } v) ds.Add(new Quad(s, Ex("v"), v));
            if (Value() is { } w) ds.Add(new Quad(s, Ex("w"), w));
            // A chain with back edges: closures reach hundreds of nodes from one start.
            ds.Add(new Quad(s, Ex("next"), Ex("i" + (i + 1) % Items)));
            if (i % 50 == 7) ds.Add(new Quad(s, Ex("next"), Ex("i" + random.Next(Items))));
        }
        return ds;
    }

    private List<string> Render(string query, QueryOptions? options = null) =>
        Select(_data, query, options).Select(r => string.Join(" ", r.Select(kv => kv.Key + "=" + (kv.Value ?? "UNDEF")))).ToList();

    private List<string> Spilled(string query)
    {
        var rows = Render(query, Spilling);
        AssertNoSpillFiles();
        return rows;
    }

    private void AssertNoSpillFiles() =>
        Assert.True(!Directory.Exists(SpillFolder) || Directory.GetFiles(SpillFolder).Length == 0, "spill files left behind");

    /// <summary>The query cannot run in memory under the tiny limit (the error names the operator), so a success went through the spill files.</summary>
    private void AssertNeedsSpill(string query, string operatorName)
    {
        var e = Assert.Throws<TripleStoreException>(() => Select(_data, query, new QueryOptions { MaxRowsInMemory = TinyLimit }));
        Assert.Equal(ErrorCodes.LimitExceeded, e.ErrorCode);
        Assert.Contains(operatorName, e.Message);
        Assert.Contains("MaxRowsInMemory", e.Message);
    }

    private const string Left = "?s a :Item ; :group ?g OPTIONAL { ?s :v ?v } ";

    public static TheoryData<string, string> Joins => new()
    {
        // Key ?g on both sides, ?v shared but sometimes unbound on either side.
        { "SELECT * WHERE { " + Left + "{ SELECT ?t ?g ?v WHERE { ?t :n ?g OPTIONAL { ?t :v ?v } } } }", "hash join" },
        // Key ?v, unbound in some left rows: those meet every right row.
        { "SELECT * WHERE { " + Left + "{ SELECT ?t ?v WHERE { ?t :w ?v } } }", "hash join" },
        // No shared variable: a cross product.
        { "SELECT * WHERE { { SELECT ?s WHERE { ?s :group 3 } } { SELECT ?t ?w WHERE { ?t :w ?w } } }", "hash join" },
        // OPTIONAL whose right side is a subquery, with and without a filter over both sides.
        { "SELECT * WHERE { " + Left + "OPTIONAL { SELECT ?t ?g ?w WHERE { ?t :n ?g OPTIONAL { ?t :w ?w } } } }", "OPTIONAL" },
        { "SELECT * WHERE { " + Left + "OPTIONAL { { SELECT ?t ?v WHERE { ?t :w ?v } } FILTER(?t != ?s && ?g < 30) } }", "OPTIONAL" },
        // MINUS on a full key, on a key some left rows lack, and with no shared variable (removes nothing).
        { "SELECT * WHERE { " + Left + "MINUS { ?s :n ?g } }", "MINUS" },
        { "SELECT * WHERE { " + Left + "MINUS { ?x :w ?v } }", "MINUS" },
        { "SELECT * WHERE { " + Left + "MINUS { ?x :w ?y } }", "MINUS" },
        { "SELECT ?s ?v WHERE { " + Left + "MINUS { ?s :next ?z . ?z :v ?v } }", "MINUS" },
    };

    [Theory]
    [MemberData(nameof(Joins))]
    public void Joins_give_the_in_memory_rows_in_the_same_order_when_they_spill(string query, string operatorName)
    {
        AssertNeedsSpill(query, operatorName);
        var expected = Render(query);
        Assert.True(expected.Count > TinyLimit, $"only {expected.Count} rows");
        Assert.Equal(expected, Spilled(query));
    }

    [Theory]
    // ?c is the same for every row, so its one partition cannot be split by hashing and is read in chunks.
    [InlineData("SELECT * WHERE { ?s :group ?g FILTER(?g < 5) BIND(1 AS ?c) { SELECT ?t (1 AS ?c) WHERE { ?t :n ?n FILTER(?n < 5) } } }", 3)]
    [InlineData("SELECT * WHERE { ?s :group ?g FILTER(?g < 5) BIND(1 AS ?c) { SELECT ?t (1 AS ?c) WHERE { ?t :n ?n FILTER(?n < 5) } } }", 20)]
    // Partitions of ?g split again with other hashes, down to one key value each.
    [InlineData("SELECT * WHERE { ?s :group ?g { SELECT ?t ?g WHERE { ?t :n ?g } } }", 3)]
    [InlineData("SELECT * WHERE { ?s :group ?g { SELECT ?t ?g WHERE { ?t :n ?g } } }", 20)]
    public void Partitions_split_again_and_a_common_key_is_read_in_chunks(string query, int limit)
    {
        var expected = Render(query);
        Assert.True(expected.Count > 1_000);
        Assert.Equal(expected, Render(query, Spilling with { MaxRowsInMemory = limit }));
        AssertNoSpillFiles();
    }

    [Theory]
    [InlineData("CONSTRUCT { ?s :p ?v . ?s :q ?g . [] :r ?g } WHERE { " + Left + "}", "CONSTRUCT")]
    [InlineData("CONSTRUCT { ?x :p ?y } WHERE { ?s :group ?g BIND(IRI(CONCAT(\"http://example.org/g\", STR(?g))) AS ?x) OPTIONAL { ?s :w ?y } }", "CONSTRUCT")]
    [InlineData("DESCRIBE ?s WHERE { ?s :group ?g FILTER(?g < 20) }", "DESCRIBE")]
    public void Construct_and_describe_give_the_in_memory_triples_in_the_same_order_when_they_spill(string query, string operatorName)
    {
        List<string> Triples(QueryOptions? options) =>
            ((GraphResult)SparqlEngine.Evaluate(Prefixes + query, _data, options)).Select(t => t.ToString()!).ToList();
        var e = Assert.Throws<TripleStoreException>(() => Triples(new QueryOptions { MaxRowsInMemory = TinyLimit }));
        Assert.Contains(operatorName, e.Message);
        var expected = Triples(null);
        var actual = Triples(Spilling);
        AssertNoSpillFiles();
        if (query.Contains("[]"))
        {
            // Template blank nodes are fresh per solution: compare with them blanked out.
            expected = expected.Select(t => t.StartsWith("_:") ? "_" + t[t.IndexOf(' ')..] : t).ToList();
            actual = actual.Select(t => t.StartsWith("_:") ? "_" + t[t.IndexOf(' ')..] : t).ToList();
        }
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("SELECT ?x ?y WHERE { VALUES ?x { :i1 :i300 :nothing } ?x :next* ?y }", "closure")]
    [InlineData("SELECT ?y WHERE { :i5 :next+ ?y }", "closure")]
    [InlineData("SELECT ?x WHERE { ?x ^:next* :i9 }", "closure")]
    [InlineData("SELECT ?x ?y WHERE { ?x :next? ?y }", "zero-length")]
    [InlineData("SELECT ?x ?y WHERE { ?x (:next/:next)? ?y }", "zero-length")]
    public void Property_paths_give_the_in_memory_pairs_when_they_spill(string query, string operatorName)
    {
        AssertNeedsSpill(query, operatorName);
        var expected = Render(query);
        var actual = Spilled(query);
        // Pairs are a set; past the limit closures report a level in term order rather than discovery order.
        expected.Sort(StringComparer.Ordinal);
        actual.Sort(StringComparer.Ordinal);
        Assert.True(expected.Count > TinyLimit);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Bnode_with_a_label_needs_no_memory_per_solution_and_keeps_its_scope()
    {
        // Far more solutions than the row limit, with no spill folder: BNODE(label) keeps no table.
        var rows = Select(_data, "SELECT ?s (BNODE(\"a\") AS ?a1) (BNODE(\"a\") AS ?a2) (BNODE(\"b\") AS ?b) WHERE { ?s :group ?g }",
            new QueryOptions { MaxRowsInMemory = 10 });
        Assert.Equal(Items, rows.Count);
        Assert.All(rows, r => Assert.Equal(r["a1"], r["a2"]));
        Assert.All(rows, r => Assert.NotEqual(r["a1"], r["b"]));
        Assert.Equal(Items, rows.Select(r => r["a1"]).Distinct().Count());
        // Another execution gives other nodes.
        var again = Select(_data, "SELECT ?s (BNODE(\"a\") AS ?a1) WHERE { ?s :group ?g }");
        Assert.Empty(again.Select(r => r["a1"]).Intersect(rows.Select(r => r["a1"])));
    }

    [Theory]
    [InlineData("SELECT DISTINCT ?g WHERE { ?s :group ?g ; :n ?n } ORDER BY DESC(?n) ?g", 5, 0)]
    [InlineData("SELECT DISTINCT ?v WHERE { " + Left + "} ORDER BY ?v", 7, 3)]
    [InlineData("SELECT DISTINCT ?g ?n WHERE { ?s :group ?g ; :n ?n } ORDER BY ?n", 20, 10)]
    public void Distinct_top_k_keeps_only_what_it_needs(string query, int limit, int offset)
    {
        string sliced = query + $" LIMIT {limit} OFFSET {offset}";
        var all = Render(query);
        Assert.True(all.Count > limit + offset);
        // Without a spill folder and with a limit far below the input, only the top-k pruning (which holds
        // up to twice k rows) lets it run.
        var rows = Render(sliced, new QueryOptions { MaxRowsInMemory = Math.Max(20, 2 * (limit + offset)) });
        Assert.Equal(all.Skip(offset).Take(limit).ToList(), rows);
        Assert.Equal(rows, Render(sliced));
        var plan = SparqlEngine.Evaluate(Prefixes + sliced, _data, new QueryOptions { CollectStatistics = true });
        Assert.Contains($"(top {limit + offset})", Explain(plan));
    }

    private static string Explain(SparqlResult result)
    {
        if (result is SolutionSequence s) foreach (var _ in s) { }
        return result.Plan?.ToString() ?? "";
    }

    private const string SpillingJoin = "SELECT * WHERE { " + Left + "{ SELECT ?t ?g ?v WHERE { ?t :n ?g OPTIONAL { ?t :v ?v } } } }";
    private const string SpillingMinus = "SELECT * WHERE { " + Left + "MINUS { ?x :w ?v } }";

    [Theory]
    [InlineData(SpillingJoin)]
    [InlineData(SpillingMinus)]
    public void Spill_files_are_gone_when_the_reader_stops_early(string query)
    {
        var result = (SolutionSequence)SparqlEngine.Evaluate(Prefixes + query, _data, Spilling);
        using (var e = result.GetEnumerator())
        {
            Assert.True(e.MoveNext());
            Assert.NotEmpty(Directory.GetFiles(SpillFolder));
        }
        AssertNoSpillFiles();
    }

    [Theory]
    [InlineData(SpillingJoin)]
    [InlineData(SpillingMinus)]
    public void Spill_files_are_deleted_when_the_query_is_canceled(string query)
    {
        using var cts = new CancellationTokenSource();
        var result = (SolutionSequence)SparqlEngine.Evaluate(Prefixes + query, _data, Spilling with { CancellationToken = cts.Token });
        var e = Assert.Throws<TripleStoreException>(() =>
        {
            foreach (var _ in result)
            {
                Assert.NotEmpty(Directory.GetFiles(SpillFolder));
                cts.Cancel();
            }
        });
        Assert.Equal(ErrorCodes.Canceled, e.ErrorCode);
        AssertNoSpillFiles();
    }

    [Fact]
    public void Spill_files_are_deleted_when_the_query_times_out()
    {
        var result = (SolutionSequence)SparqlEngine.Evaluate(Prefixes + SpillingJoin, _data, Spilling with { Timeout = TimeSpan.FromMilliseconds(300) });
        var e = Assert.Throws<TripleStoreException>(() =>
        {
            foreach (var _ in result) Thread.Sleep(5);
        });
        Assert.Equal(ErrorCodes.QueryTimeout, e.ErrorCode);
        AssertNoSpillFiles();
    }

    [Theory]
    [InlineData(SpillingJoin)]
    [InlineData(SpillingMinus)]
    public void Spill_files_are_deleted_when_the_source_fails_mid_query(string query)
    {
        var source = new CountingQuadSource(_data);
        // The build side has spilled by then and the probe side is being read.
        source.OnPull = () => { if (source.Pulled == 800) throw new InvalidOperationException("the source broke"); };
        var result = (SolutionSequence)SparqlEngine.Evaluate(Prefixes + query, source, Spilling);
        var e = Assert.Throws<InvalidOperationException>(() => result.ToList());
        Assert.Equal("the source broke", e.Message);
        Assert.True(Directory.Exists(SpillFolder), "the query never spilled");
        AssertNoSpillFiles();
    }

    [Theory]
    [InlineData(SpillingJoin, "hash join")]
    [InlineData(SpillingMinus, "MINUS")]
    [InlineData("SELECT ?x ?y WHERE { ?x :next* ?y }", "closure")]
    public void The_spill_cap_fails_with_an_error_naming_it_and_leaves_no_file(string query, string operatorName)
    {
        var e = Assert.Throws<TripleStoreException>(() => Select(_data, query, Spilling with { MaxSpillBytes = 2_048 }));
        Assert.Equal(ErrorCodes.LimitExceeded, e.ErrorCode);
        Assert.Contains("MaxSpillBytes", e.Message);
        Assert.Contains(operatorName, e.Message);
        AssertNoSpillFiles();
    }
}
