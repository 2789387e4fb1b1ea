using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// An intersection's check that the planner reads whole is read ahead, on another thread, while the steps
/// before it run (<c>KeyedLists.Prefetch</c>). The answers must be those of nested loops and of an
/// in-memory evaluation: random advisor/course triangles (LUBM Q9's shape) with the read ahead on, off,
/// under a LIMIT that stops the join early, with too little memory to keep the lists, and on a source
/// that cannot read in the background; and a snapshot that waits for its background reads when disposed.
/// </summary>
public class CheckReadAheadTests
{
    private const string Ex = "http://example.org/";
    private static Iri I(string local) => new(Ex + local);
    private static readonly Iri Type = new("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");

    private static readonly QueryOptions Ahead = new() { UseResultCache = false, MemoChecks = true, ParallelReads = true };
    private static readonly QueryOptions InLine = new() { UseResultCache = false, MemoChecks = true, ParallelReads = false };
    private static readonly QueryOptions Auto = new() { UseResultCache = false };
    private static readonly QueryOptions NestedLoops = new() { UseResultCache = false, MemoChecks = false, IntersectJoins = false, MergeJoins = false, ParallelReads = false };
    private static readonly QueryOptions Tight = new() { UseResultCache = false, MemoChecks = true, ParallelReads = true, MaxRowsInMemory = 5 };

    private const string Triangle = """
        SELECT ?x ?y ?z WHERE {
          ?y a <http://example.org/Faculty> .
          ?y <http://example.org/teacherOf> ?z .
          ?x <http://example.org/advisor> ?y .
          ?x <http://example.org/takesCourse> ?z }
        """;

    private static (List<Quad> Quads, int Expected) Random(int seed, int faculty = 30, int courses = 300, int students = 3000)
    {
        var random = new Random(seed);
        var quads = new List<Quad>();
        var teacher = new int[courses];
        for (int f = 0; f < faculty; f++) quads.Add(new Quad(I("f" + f), Type, I("Faculty")));
        for (int c = 0; c < courses; c++)
        {
            teacher[c] = random.Next(faculty);
            quads.Add(new Quad(I("f" + teacher[c]), I("teacherOf"), I("c" + c)));
        }
        int expected = 0;
        for (int s = 0; s < students; s++)
        {
            int advisor = random.Next(faculty);
            quads.Add(new Quad(I("s" + s), I("advisor"), I("f" + advisor)));
            var taken = new HashSet<int>();
            for (int k = random.Next(5); k > 0; k--) taken.Add(random.Next(courses));
            foreach (int c in taken)
            {
                quads.Add(new Quad(I("s" + s), I("takesCourse"), I("c" + c)));
                if (teacher[c] == advisor) expected++;
            }
        }
        return (quads, expected);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_check_read_ahead_gives_the_rows_of_nested_loops(int seed)
    {
        var (quads, expected) = Random(seed);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(quads);

        var ahead = Rows(store.Query(Triangle, Ahead));
        Assert.True(expected > 20, expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, ahead.Count);
        Assert.Equal(Rows(store.Query(Triangle, InLine)), ahead);
        Assert.Equal(Rows(store.Query(Triangle, NestedLoops)), ahead);
        Assert.Equal(Rows(store.Query(Triangle, Auto)), ahead);
        Assert.Equal(Rows(store.Query(Triangle, Tight)), ahead);
        // An in-memory source has no concurrent cursors: the same rows, read in line.
        var memory = new InMemoryDataset(quads);
        Assert.Equal(ahead, Rows(SparqlEngine.Evaluate(Triangle, memory, Ahead)));
    }

    [Fact]
    public void Explain_marks_a_check_read_ahead_only_when_it_was()
    {
        var (quads, expected) = Random(4);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(quads);

        var ahead = Bgp(store.Explain(Triangle, Ahead));
        Assert.Contains("1 read whole (1 ahead)", ahead.Detail);
        Assert.Equal(expected, ahead.ActualRows);
        var inLine = Bgp(store.Explain(Triangle, InLine));
        Assert.Contains("read whole", inLine.Detail);
        Assert.DoesNotContain("ahead)", inLine.Detail);
        Assert.Equal(expected, inLine.ActualRows);
    }

    [Fact]
    public void A_join_stopped_early_stops_its_read_ahead()
    {
        var (quads, _) = Random(5, students: 6000);
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Path);
        try
        {
            store.AddRange(quads);
            for (int i = 0; i < 20; i++)
                Assert.Equal(2, Rows(store.Query(Triangle + " LIMIT 2", Ahead)).Count);
            // A query stopped before its first row (the read ahead still running) leaves nothing behind.
            var result = (SolutionSequence)store.Query(Triangle, Ahead);
            using (var rows = result.GetEnumerator())
                Assert.True(rows.MoveNext());
        }
        finally
        {
            // The store closes cleanly: no read ahead holds a cursor on a snapshot.
            store.Dispose();
        }
    }

    [Fact]
    public void A_snapshot_stops_and_waits_for_its_background_reads_before_it_goes()
    {
        var (quads, _) = Random(6);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(quads);
        var snapshot = store.OpenSnapshot();
        IEncodedQuadSource source = snapshot;
        source.TryEncode(I("takesCourse"), out var takes);
        using var started = new ManualResetEventSlim();
        long reads = 0;
        var task = source.ReadInBackground(closing =>
        {
            using var cursor = source.OpenCursor();
            started.Set();
            // Reads until the snapshot says stop: without the wait in Dispose, this would read a released snapshot.
            while (!closing.IsCancellationRequested)
            {
                cursor.Seek(new IdPattern { Predicate = takes, HasPredicate = true, Graph = GraphSelectorKind.DefaultGraph });
                while (cursor.Next(out _)) Interlocked.Increment(ref reads);
            }
        });
        Assert.NotNull(task);
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        snapshot.Dispose();
        Assert.True(task!.IsCompleted);
        Assert.True(Interlocked.Read(ref reads) > 0);
        Assert.Null(source.ReadInBackground(_ => { }));
        // An in-memory source has no background reads: a join reads in line.
        IEncodedQuadSource memory = new InterningQuadSource(new InMemoryDataset(quads));
        Assert.Null(memory.ReadInBackground(_ => { }));
    }

    private static QueryPlan Bgp(QueryPlan plan) => Find(plan, "BGP") ?? throw new InvalidOperationException(plan.ToString());

    private static QueryPlan? Find(QueryPlan plan, string op) =>
        plan.Operator == op ? plan : plan.Children.Select(c => Find(c, op)).FirstOrDefault(p => p is not null);

    private static List<string> Rows(SparqlResult result) => result is SolutionSequence rows
        ? rows.Select(r => string.Join(" | ", r.Select(t => t?.ToString() ?? "-"))).Order(StringComparer.Ordinal).ToList()
        : throw new InvalidOperationException(result.GetType().Name);
}
