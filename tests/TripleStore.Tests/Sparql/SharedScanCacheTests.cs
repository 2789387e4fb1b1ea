using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Storage;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// Whole-scan structures (hash tables, checks read whole) kept per state of the data and shared by later
/// queries (<c>ISharedScanCache</c>, <c>ScanCache</c>): the rows equal those of runs that build their own,
/// of nested loops and of an in-memory evaluation; a write starts an empty cache while a snapshot taken
/// before it keeps its own answers; the cache never holds more than its bound; and a snapshot reading
/// another derived generation at the same sequence number gets none.
/// </summary>
public class SharedScanCacheTests
{
    private const string Ex = "http://example.org/";
    private static Iri I(string local) => new(Ex + local);
    private static readonly Iri Type = new("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");

    // Hash steps and checks read whole from the first probes, so small data uses every shared structure.
    private static readonly QueryOptions Sharing = new() { UseResultCache = false, MemoChecks = true, HashJoinMinProbes = 16, ParallelReads = false };
    private static readonly QueryOptions SharingAhead = Sharing with { ParallelReads = true };
    private static readonly QueryOptions Own = Sharing with { SharedScans = false };
    private static readonly QueryOptions NestedLoops = new() { UseResultCache = false, MemoChecks = false, IntersectJoins = false, MergeJoins = false, ParallelReads = false, SharedScans = false };

    // LUBM Q9's shape: three type checks and a triangle.
    private const string Triangle = """
        SELECT ?x ?y ?z WHERE {
          ?x a <http://example.org/Student> .
          ?y a <http://example.org/Faculty> .
          ?z a <http://example.org/Course> .
          ?x <http://example.org/advisor> ?y .
          ?y <http://example.org/teacherOf> ?z .
          ?x <http://example.org/takesCourse> ?z }
        """;

    private static (List<Quad> Quads, int Expected) Random(int seed, int faculty = 40, int courses = 400, int students = 3000)
    {
        var random = new Random(seed);
        var quads = new List<Quad>();
        var teacher = new int[courses];
        for (int f = 0; f < faculty; f++) quads.Add(new Quad(I("f" + f), Type, I("Faculty")));
        for (int c = 0; c < courses; c++)
        {
            teacher[c] = random.Next(faculty);
            if (c % 10 != 0) quads.Add(new Quad(I("c" + c), Type, I("Course")));
            quads.Add(new Quad(I("f" + teacher[c]), I("teacherOf"), I("c" + c)));
        }
        int expected = 0;
        for (int s = 0; s < students; s++)
        {
            bool student = s % 7 != 0;
            if (student) quads.Add(new Quad(I("s" + s), Type, I("Student")));
            int advisor = random.Next(faculty);
            quads.Add(new Quad(I("s" + s), I("advisor"), I("f" + advisor)));
            var taken = new HashSet<int>();
            for (int k = random.Next(6); k > 0; k--) taken.Add(random.Next(courses));
            foreach (int c in taken)
            {
                quads.Add(new Quad(I("s" + s), I("takesCourse"), I("c" + c)));
                if (student && teacher[c] == advisor && c % 10 != 0) expected++;
            }
        }
        return (quads, expected);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Shared_structures_give_the_rows_of_runs_that_build_their_own(int seed)
    {
        var (quads, expected) = Random(seed);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(quads);

        var own = Rows(store.Query(Triangle, Own));
        Assert.True(expected > 20, expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, own.Count);
        Assert.Equal(own, Rows(store.Query(Triangle, NestedLoops)));
        Assert.Equal(0, Cache(store).Count);
        // The first sharing run builds and leaves its structures; later ones (also read ahead) take them.
        for (int run = 0; run < 3; run++)
        {
            Assert.Equal(own, Rows(store.Query(Triangle, Sharing)));
            Assert.True(Cache(store).Count > 0);
        }
        Assert.Equal(own, Rows(store.Query(Triangle, SharingAhead)));
        Assert.Equal(own, Rows(store.Query(Triangle, new QueryOptions { UseResultCache = false })));
        Assert.Equal(own, Rows(SparqlEngine.Evaluate(Triangle, new InMemoryDataset(quads), Sharing)));
    }

    [Fact]
    public void Explain_marks_structures_taken_from_the_cache()
    {
        var (quads, expected) = Random(4);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(quads);

        var first = Bgp(store.Explain(Triangle, Sharing));
        Assert.Equal(expected, first.ActualRows);
        Assert.DoesNotContain("shared", first.Detail);
        var second = Bgp(store.Explain(Triangle, Sharing));
        Assert.Equal(expected, second.ActualRows);
        Assert.Contains("shared", second.Detail);
        var own = Bgp(store.Explain(Triangle, Own));
        Assert.Equal(expected, own.ActualRows);
        Assert.DoesNotContain("shared", own.Detail);
    }

    [Fact]
    public void A_write_starts_an_empty_cache_and_an_earlier_snapshot_keeps_its_answers()
    {
        var (quads, expected) = Random(5);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(quads);
        Assert.Equal(expected, Rows(store.Query(Triangle, Sharing)).Count);
        Assert.Equal(expected, Rows(store.Query(Triangle, Sharing)).Count);
        using var before = store.OpenSnapshot();
        var beforeCache = (ScanCache)((IEncodedQuadSource)before).SharedScans!;
        Assert.True(beforeCache.Count > 0);

        // A new advisee of f0 taking a course f0 teaches: one more row, which only a fresh read finds.
        var course = quads.First(q => q.Predicate == I("teacherOf") && q.Subject == I("f0")
            && quads.Contains(new Quad(q.Object, Type, I("Course")))).Object;
        store.AddRange([
            new Quad(I("new"), Type, I("Student")),
            new Quad(I("new"), I("advisor"), I("f0")),
            new Quad(I("new"), I("takesCourse"), course),
        ]);
        Assert.Equal(expected + 1, Rows(store.Query(Triangle, Sharing)).Count);
        Assert.Equal(expected + 1, Rows(store.Query(Triangle, Sharing)).Count);
        Assert.NotSame(beforeCache, Cache(store));
        Assert.Equal(expected, Rows(SparqlEngine.Evaluate(Triangle, before, Sharing)).Count);

        // A removal is seen the same way.
        store.Remove(new Quad(I("new"), I("takesCourse"), course));
        Assert.Equal(expected, Rows(store.Query(Triangle, Sharing)).Count);
        Assert.Equal(expected, Rows(store.Query(Triangle, Sharing)).Count);
    }

    [Fact]
    public void The_cache_stays_within_its_bound()
    {
        var (quads, expected) = Random(6);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.Database.ScanCacheBytes = 40_000;
        store.AddRange(quads);
        for (int run = 0; run < 4; run++)
        {
            Assert.Equal(expected, Rows(store.Query(Triangle, Sharing)).Count);
            Assert.InRange(Cache(store).Bytes, 1, 40_000);
        }
        // Nothing fits in a cache of a few bytes: every run builds its own, with the same rows.
        store.Database.ScanCacheBytes = 16;
        store.Add(new Quad(I("other"), I("knows"), I("f1")));
        for (int run = 0; run < 2; run++)
        {
            Assert.Equal(expected, Rows(store.Query(Triangle, Sharing)).Count);
            Assert.Equal(0, Cache(store).Count);
        }
    }

    [Fact]
    public void Lookups_of_a_check_add_up_across_queries_until_its_set_is_read_once_and_shared()
    {
        var (quads, expected) = Random(7);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(quads);
        // `?x a Student` (pattern 1) is looked up a few dozen times per run, far fewer than its scan costs.
        var options = new QueryOptions { UseResultCache = false };
        var first = Bgp(store.Explain(Triangle, options));
        Assert.Equal(expected, first.ActualRows);
        Assert.DoesNotContain("hash(1", first.Detail);
        int runs = 1;
        string detail = first.Detail;
        while (!detail.Contains("hash(1", StringComparison.Ordinal) && runs < 200)
        {
            var plan = Bgp(store.Explain(Triangle, options));
            Assert.Equal(expected, plan.ActualRows);
            detail = plan.Detail;
            runs++;
        }
        Assert.True(runs >= 2 && runs < 200, $"{runs} runs: {detail}");
        Assert.Contains("hash(1)", detail);
        var shared = Bgp(store.Explain(Triangle, options));
        Assert.Contains("hash(1, shared)", shared.Detail);
        Assert.Equal(expected, shared.ActualRows);
        // Without sharing, every run stays below the switch.
        var own = Bgp(store.Explain(Triangle, options with { SharedScans = false }));
        Assert.DoesNotContain("hash(1", own.Detail);
        Assert.Equal(expected, own.ActualRows);
    }

    [Fact]
    public void A_full_cache_evicts_the_entry_used_longest_ago()
    {
        var cache = new ScanCache(1_000);
        SharedScanKey Key(int n) => new(new NodeId(0, (ulong)n), default, default, default, 1, 1);
        Assert.True(cache.TryAdd(Key(1), "one", 400));
        Assert.True(cache.TryAdd(Key(2), "two", 400));
        Assert.True(cache.TryGet(Key(1), out _));
        Assert.True(cache.TryAdd(Key(3), "three", 400));
        Assert.Equal(800, cache.Bytes);
        Assert.True(cache.TryGet(Key(1), out var one));
        Assert.Equal("one", one);
        Assert.False(cache.TryGet(Key(2), out _));
        Assert.True(cache.TryGet(Key(3), out _));
        // An entry larger than the whole cache is refused and evicts nothing; an equal key keeps the first.
        Assert.False(cache.TryAdd(Key(4), "four", 1_001));
        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryAdd(Key(3), "again", 400));
        Assert.True(cache.TryGet(Key(3), out var three));
        Assert.Equal("three", three);
        Assert.Equal(800, cache.Bytes);
    }

    [Fact]
    public void A_snapshot_of_another_derived_generation_gets_no_cache()
    {
        var memo = new EstimateMemo(42, 1_000);
        object first = new(), second = new();
        var cache = memo.ScansFor(first);
        Assert.NotNull(cache);
        Assert.Same(cache, memo.ScansFor(first));
        Assert.Null(memo.ScansFor(second));
        Assert.Null(memo.ScansFor(null));
    }

    [Fact]
    public void A_filtered_read_is_never_a_shared_key()
    {
        var pattern = new IdPattern { Predicate = new NodeId(1, 2), HasPredicate = true, Graph = GraphSelectorKind.DefaultGraph };
        Assert.NotNull(SharedScanKey.For(pattern, 7));
        Assert.NotEqual(SharedScanKey.For(pattern, 7), SharedScanKey.For(pattern, 8));
        Assert.NotEqual(SharedScanKey.For(pattern, 7), SharedScanKey.For(pattern with { Graph = GraphSelectorKind.AllGraphs }, 7));
        Assert.Null(SharedScanKey.For(pattern with { ObjectRanges = [new NodeRange(new NodeId(0, 0), new NodeId(0, 9))] }, 7));
    }

    private static ScanCache Cache(RdfStore store)
    {
        using var snapshot = store.OpenSnapshot();
        return (ScanCache)((IEncodedQuadSource)snapshot).SharedScans!;
    }

    private static QueryPlan Bgp(QueryPlan plan) => Find(plan, "BGP") ?? throw new InvalidOperationException(plan.ToString());

    private static QueryPlan? Find(QueryPlan plan, string op) =>
        plan.Operator == op ? plan : plan.Children.Select(c => Find(c, op)).FirstOrDefault(p => p is not null);

    private static List<string> Rows(SparqlResult result) => result is SolutionSequence rows
        ? rows.Select(r => string.Join(" | ", r.Select(t => t?.ToString() ?? "-"))).Order(StringComparer.Ordinal).ToList()
        : throw new InvalidOperationException(result.GetType().Name);
}
