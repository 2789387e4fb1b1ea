using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Sparql.Evaluation;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// A lookup step whose lookups repeat replays the matches it kept (<see cref="RepeatedLookupCursor"/>).
/// The answers must be those of plain lookups: random department/university/degree data where the
/// degree lookup by university repeats once per department, compared with lookups kept always, never,
/// by default, with nested loops only and on an in-memory source; and the cursor itself under partial
/// reads, long lists and keys that do not repeat.
/// </summary>
public class RepeatedLookupTests
{
    private const string Ex = "http://example.org/";
    private static Iri I(string local) => new(Ex + local);
    private static readonly Iri MemberOf = I("memberOf"), SubOrg = I("subOrganizationOf"), DegreeFrom = I("degreeFrom");
    private static readonly Iri Type = new("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");

    private static readonly QueryOptions Auto = new() { UseResultCache = false };
    private static readonly QueryOptions Kept = new() { UseResultCache = false, RepeatedLookups = true };
    private static readonly QueryOptions Plain = new() { UseResultCache = false, RepeatedLookups = false };
    private static readonly QueryOptions NestedLoops = new() { UseResultCache = false, RepeatedLookups = false, MemoChecks = false, IntersectJoins = false, MergeJoins = false };

    private const string Triangle =
        "SELECT ?x ?y ?z { ?z a <http://example.org/Department> . ?z <http://example.org/subOrganizationOf> ?y . " +
        "?x <http://example.org/degreeFrom> ?y . ?x <http://example.org/memberOf> ?z }";

    private static (List<Quad> Quads, int Expected) Random(int seed, int universities = 5, int departments = 80, int people = 3000)
    {
        var random = new Random(seed);
        var quads = new List<Quad>();
        var university = new int[departments];
        for (int d = 0; d < departments; d++)
        {
            quads.Add(new Quad(I("d" + d), Type, I("Department")));
            university[d] = random.Next(universities);
            quads.Add(new Quad(I("d" + d), SubOrg, I("u" + university[d])));
        }
        var member = new HashSet<(int, int)>();
        var degree = new HashSet<(int, int)>();
        for (int p = 0; p < people; p++)
        {
            int d = random.Next(departments);
            if (member.Add((p, d))) quads.Add(new Quad(I("p" + p), MemberOf, I("d" + d)));
            int u = random.Next(universities * 30);
            if (degree.Add((p, u))) quads.Add(new Quad(I("p" + p), DegreeFrom, I("u" + u)));
        }
        int expected = member.Count(m => degree.Contains((m.Item1, university[m.Item2])));
        return (quads, expected);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Replayed_lookups_give_the_rows_of_plain_lookups(int seed)
    {
        var (quads, expected) = Random(seed);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(quads);

        var kept = Rows(store.Query(Triangle, Kept));
        Assert.True(expected > 5, expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, kept.Count);
        Assert.Equal(Rows(store.Query(Triangle, Plain)), kept);
        Assert.Equal(Rows(store.Query(Triangle, NestedLoops)), kept);
        Assert.Equal(Rows(store.Query(Triangle, Auto)), kept);
        var memory = new InMemoryDataset(quads);
        Assert.Equal(kept, Rows(SparqlEngine.Evaluate(Triangle, memory, Kept)));
        Assert.Equal(kept, Rows(SparqlEngine.Evaluate(Triangle, memory, NestedLoops)));
    }

    [Fact]
    public void Explain_marks_a_step_that_replayed_kept_matches()
    {
        var (quads, expected) = Random(4);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(quads);

        // Without the intersection (which would drive the degree lookup itself) the lookup by ?y is a plain step.
        var bgp = Bgp(store.Explain(Triangle, new QueryOptions { UseResultCache = false, RepeatedLookups = true, IntersectJoins = false }));
        Assert.True(bgp.Detail!.Contains("reuse(", StringComparison.Ordinal), bgp.Detail);
        Assert.Equal(expected, bgp.ActualRows);
        Assert.DoesNotContain("reuse(", Bgp(store.Explain(Triangle, Plain)).Detail);
    }

    [Fact]
    public void A_limit_that_stops_a_lookup_midway_keeps_no_partial_list()
    {
        var (quads, _) = Random(5);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(quads);
        // Every department's degree holders, once per department: a LIMIT cuts the first lookups short.
        const string q = "SELECT ?z ?x { ?z <http://example.org/subOrganizationOf> ?y . ?x <http://example.org/degreeFrom> ?y }";
        var all = Rows(store.Query(q, Plain));
        Assert.Equal(all, Rows(store.Query(q, Kept)));
        for (int limit = 1; limit < 40; limit += 7)
            Assert.Equal(limit, Rows(store.Query(q + " LIMIT " + limit, Kept)).Count);
    }

    [Fact]
    public void The_cursor_replays_whole_lists_only()
    {
        var quads = Enumerable.Range(0, 10).Select(i => new Quad(I("s" + (i % 3)), I("p"), I("o" + i))).ToList();
        var source = new InterningQuadSource(new InMemoryDataset(quads));
        Assert.True(source.TryEncode(I("s0"), out var s0));
        Assert.True(source.TryEncode(I("p"), out var p));
        var pattern = new IdPattern { Subject = s0, Predicate = p, HasSubject = true, HasPredicate = true, Graph = GraphSelectorKind.DefaultGraph };
        using var cursor = new RepeatedLookupCursor(source.OpenCursor(), memoryCap: 100, forced: true);

        // Read partly, then again: the partial read is not kept, so the second lookup goes to the source.
        cursor.Seek(pattern);
        Assert.True(cursor.Next(out _));
        Assert.Equal(4, Drain(cursor, pattern));
        Assert.Equal(0, cursor.Replays);
        Assert.Equal(4, Drain(cursor, pattern));
        Assert.Equal(1, cursor.Replays);
        Assert.Equal(3, cursor.Seeks);
    }

    [Fact]
    public void The_cursor_gives_up_when_lookups_do_not_repeat()
    {
        var quads = Enumerable.Range(0, 3000).Select(i => new Quad(I("s" + i), I("p"), I("o" + i))).ToList();
        var source = new InterningQuadSource(new InMemoryDataset(quads));
        Assert.True(source.TryEncode(I("p"), out var p));
        using var cursor = new RepeatedLookupCursor(source.OpenCursor(), memoryCap: 1_000_000);
        for (int i = 0; i < 3000; i++)
        {
            Assert.True(source.TryEncode(I("s" + i), out var s));
            var pattern = new IdPattern { Subject = s, Predicate = p, HasSubject = true, HasPredicate = true, Graph = GraphSelectorKind.DefaultGraph };
            Assert.Equal(1, Drain(cursor, pattern));
        }
        Assert.True(cursor.GaveUp);
        Assert.Equal(0, cursor.Replays);
    }

    [Fact]
    public void Lists_past_the_memory_cap_are_not_kept()
    {
        var quads = Enumerable.Range(0, 50).Select(i => new Quad(I("s" + (i % 2)), I("p"), I("o" + i))).ToList();
        var source = new InterningQuadSource(new InMemoryDataset(quads));
        Assert.True(source.TryEncode(I("s0"), out var s0));
        Assert.True(source.TryEncode(I("p"), out var p));
        var pattern = new IdPattern { Subject = s0, Predicate = p, HasSubject = true, HasPredicate = true, Graph = GraphSelectorKind.DefaultGraph };
        using var cursor = new RepeatedLookupCursor(source.OpenCursor(), memoryCap: 10, forced: true);
        Assert.Equal(25, Drain(cursor, pattern));
        Assert.Equal(25, Drain(cursor, pattern));
        Assert.Equal(0, cursor.Replays);
    }

    private static int Drain(IQuadCursor cursor, IdPattern pattern)
    {
        cursor.Seek(pattern);
        int n = 0;
        while (cursor.Next(out _)) n++;
        return n;
    }

    private static QueryPlan Bgp(QueryPlan plan) => Find(plan, "BGP") ?? throw new InvalidOperationException(plan.ToString());

    private static QueryPlan? Find(QueryPlan plan, string op) =>
        plan.Operator == op ? plan : plan.Children.Select(c => Find(c, op)).FirstOrDefault(p => p is not null);

    private static List<string> Rows(SparqlResult result) => result is SolutionSequence rows
        ? rows.Select(r => string.Join(" | ", r.Select(t => t?.ToString() ?? "-"))).Order(StringComparer.Ordinal).ToList()
        : throw new InvalidOperationException(result.GetType().Name);
}
