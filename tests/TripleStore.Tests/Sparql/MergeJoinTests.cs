using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Sparql;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// Star patterns whose scans are sorted on the shared variable join by a merge (a leapfrog intersection of
/// the index ranges). The merge must give exactly the rows of index nested loops, on data with runs of
/// equal values, named graphs, derived and asserted triples, and inline as well as hashed ids.
/// </summary>
public class MergeJoinTests
{
    private const string Ex = "http://example.org/";
    private static Iri I(string local) => new(Ex + local);
    private static readonly Iri Type = new("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    private static readonly Iri SubClassOf = new("http://www.w3.org/2000/01/rdf-schema#subClassOf");
    private static readonly QueryOptions Merged = new() { UseResultCache = false, MergeJoins = true };
    private static readonly QueryOptions Nested = new() { UseResultCache = false, MergeJoins = false };

    private static List<Quad> RandomData(int seed)
    {
        var random = new Random(seed);
        var quads = new List<Quad>();
        Term Value(int n) => (n % 3) switch
        {
            0 => I("v" + n),                                 // hashed IRI
            1 => Literal.Typed(n.ToString(System.Globalization.CultureInfo.InvariantCulture), Xsd.Integer),   // inline integer
            _ => Literal.Simple("s" + n),                       // inline short string
        };
        for (int s = 0; s < 300; s++)
        {
            var subject = I("s" + s);
            for (int c = 0; c < 3; c++)
                if (random.Next(3) == 0) quads.Add(new Quad(subject, Type, I("C" + c)));
            for (int p = 0; p < 3; p++)
            {
                int count = random.Next(3);
                for (int k = 0; k < count; k++) quads.Add(new Quad(subject, I("p" + p), Value(random.Next(12))));
            }
            // Runs: many subjects point at the same few objects, which are subjects themselves.
            if (random.Next(2) == 0) quads.Add(new Quad(subject, I("link"), I("s" + random.Next(20))));
            if (random.Next(4) == 0) quads.Add(new Quad(subject, I("p0"), Value(4), I("g1")));
            if (random.Next(4) == 0) quads.Add(new Quad(subject, Type, I("C0"), I("g1")));
        }
        for (int s = 0; s < 40; s++) quads.Add(new Quad(I("hub"), I("has"), I("s" + s)));
        quads.Add(new Quad(I("C1"), SubClassOf, I("C0")));
        // Duplicates are one triple.
        quads.AddRange(quads.Take(50).ToList());
        return quads;
    }

    private static readonly string[] QueryTexts =
    [
        "SELECT * { ?x a <http://example.org/C0> . ?x a <http://example.org/C2> }",
        "SELECT * { ?x a <http://example.org/C0> . ?x <http://example.org/p0> 4 . ?x a <http://example.org/C1> }",
        "SELECT * { ?x <http://example.org/p1> \"s5\" . ?x a <http://example.org/C0> . ?x <http://example.org/p2> ?v }",
        "SELECT * { ?y <http://example.org/link> ?x . ?x a <http://example.org/C0> . ?z <http://example.org/link> ?x }",
        "SELECT * { ?x a <http://example.org/C0> . ?y <http://example.org/link> ?x . <http://example.org/hub> <http://example.org/has> ?x }",
        "SELECT (COUNT(*) AS ?n) { ?a <http://example.org/p0> ?v . ?b <http://example.org/p1> ?v }",
        "SELECT * { GRAPH <http://example.org/g1> { ?x a <http://example.org/C0> . ?x <http://example.org/p0> 4 } }",
        "SELECT * { ?x a <http://example.org/C0> . ?x a <http://example.org/C1> FILTER(STR(?x) > \"http://example.org/s2\") }",
        "SELECT ?x (COUNT(*) AS ?n) { ?y <http://example.org/link> ?x . ?x a <http://example.org/C1> } GROUP BY ?x",
    ];

    public static TheoryData<string> Queries => new(QueryTexts);

    [Theory]
    [MemberData(nameof(Queries))]
    public void A_merge_join_returns_the_rows_of_nested_loops(string query)
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        var data = RandomData(query.Length);
        store.AddRange(data);
        store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs, Full = true });

        var merged = Rows(store.Query(query, Merged));
        var nested = Rows(store.Query(query, Nested));
        Assert.NotEmpty(nested);
        Assert.Equal(nested, merged);
        Assert.Equal(nested, Rows(store.Query(query, new QueryOptions { UseResultCache = false })));

        var plan = Find(store.Explain(query, Merged), "BGP")!;
        Assert.Contains("merge(", plan.Detail);
        Assert.DoesNotContain("merge(", Find(store.Explain(query, Nested), "BGP")!.Detail);
    }

    [Fact]
    public void Without_a_materialization_the_merge_matches_an_in_memory_evaluation()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        var data = RandomData(7);
        store.AddRange(data);
        foreach (var query in QueryTexts)
            Assert.Equal(Rows(SparqlEngine.Evaluate(query, new InMemoryDataset(data))), Rows(store.Query(query, Merged)));
    }

    private static void AddStar(RdfStore store, int subjects)
    {
        var quads = new List<Quad>();
        for (int s = 0; s < subjects; s++)
        {
            quads.Add(new Quad(I("s" + s), Type, I(s % 2 == 0 ? "Even" : "Odd")));
            quads.Add(new Quad(I("s" + s), Type, I("Thing")));
            if (s % 3 == 0) quads.Add(new Quad(I("s" + s), I("tag"), I("third")));
            if (s % 500 == 0) quads.Add(new Quad(I("s" + s), I("tag"), I("rare")));
        }
        store.AddRange(quads);
    }

    [Fact]
    public void The_cost_model_merges_comparable_ranges_and_probes_from_a_selective_one()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        AddStar(store, 6000);
        var options = new QueryOptions { UseResultCache = false, CollectStatistics = true };

        // 3,000 and 2,000 subjects, 1,000 in both: reading both ranges once beats 2,000 lookups.
        const string dense = "SELECT ?x { ?x a <http://example.org/Even> . ?x <http://example.org/tag> <http://example.org/third> }";
        var plan = Find(store.Explain(dense, options), "BGP")!;
        Assert.Contains("merge(", plan.Detail);
        Assert.Contains("actual=1000", plan.Detail);
        Assert.Equal(1000, plan.ActualRows);

        // 12 subjects (multiples of 500, all even) against 3,000: twelve lookups are cheaper than any scan.
        const string selective = "SELECT ?x { ?x a <http://example.org/Even> . ?x <http://example.org/tag> <http://example.org/rare> }";
        var probe = Find(store.Explain(selective, options), "BGP")!;
        Assert.DoesNotContain("merge(", probe.Detail);
        Assert.Equal(12, probe.ActualRows);
    }

    [Fact]
    public void Limit_stops_the_merge_early()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        AddStar(store, 4000);
        const string query = "SELECT ?x { ?x a <http://example.org/Thing> . ?x a <http://example.org/Even> } LIMIT 3";
        var plan = Find(store.Explain(query, Merged with { CollectStatistics = true }), "BGP")!;
        Assert.Contains("merge(", plan.Detail);
        Assert.Equal(3, plan.ActualRows);
        // The merge found at most one value past the rows taken.
        var actual = int.Parse(System.Text.RegularExpressions.Regex.Match(plan.Detail!, @"actual=(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(actual, 3, 4);
    }

    [Fact]
    public void A_long_merge_without_matches_stops_on_cancellation()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        AddStar(store, 60_000);
        // Even and odd subjects interleave in id order and never meet: the merge reads both ranges and yields nothing.
        const string query = "SELECT ?x { ?x a <http://example.org/Even> . ?x a <http://example.org/Odd> }";
        Assert.Empty(Rows(store.Query(query, Merged)));

        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var canceled = Assert.Throws<TripleStoreException>(() => Rows(store.Query(query, Merged with { CancellationToken = cts.Token })));
        Assert.Equal(ErrorCodes.Canceled, canceled.ErrorCode);

        var e = Assert.Throws<TripleStoreException>(() => Rows(store.Query(query, Merged with { Timeout = TimeSpan.FromMilliseconds(1) })));
        Assert.Equal(ErrorCodes.QueryTimeout, e.ErrorCode);
    }

    private static QueryPlan? Find(QueryPlan plan, string op) =>
        plan.Operator == op ? plan : plan.Children.Select(c => Find(c, op)).FirstOrDefault(p => p is not null);

    private static List<string> Rows(SparqlResult result) => result is SolutionSequence rows
        ? rows.Select(r => string.Join(" | ", r.Select(t => t?.ToString() ?? "-"))).Order(StringComparer.Ordinal).ToList()
        : throw new InvalidOperationException(result.GetType().Name);
}
