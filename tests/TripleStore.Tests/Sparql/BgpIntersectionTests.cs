using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// A BGP step whose new variable closes a cycle is intersected with the later checks on that variable
/// (each check read once per seek as a sorted list). The answers must be those of nested loops exactly:
/// random triangles are checked against a count worked out from the data, with intersection off, with
/// lists capped so every check falls back to point reads, and over an in-memory source (unsorted cursors).
/// </summary>
public class BgpIntersectionTests
{
    private const string Ex = "http://example.org/";
    private static Iri I(string local) => new(Ex + local);
    private static readonly Iri Type = new("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    private static readonly Iri Student = I("Student"), Faculty = I("Faculty"), Course = I("Course");
    private static readonly Iri Advisor = I("advisor"), TeacherOf = I("teacherOf"), TakesCourse = I("takesCourse");

    private static readonly QueryOptions Intersecting = new() { UseResultCache = false };
    private static readonly QueryOptions NestedLoops = new() { UseResultCache = false, IntersectJoins = false };
    private static readonly QueryOptions Capped = new() { UseResultCache = false, IntersectionListCap = 1 };

    private const string Triangle =
        "SELECT ?x ?y ?z { ?x a <http://example.org/Student> . ?y a <http://example.org/Faculty> . ?z a <http://example.org/Course> . " +
        "?x <http://example.org/advisor> ?y . ?y <http://example.org/teacherOf> ?z . ?x <http://example.org/takesCourse> ?z }";

    /// <summary>Teachers with many advisees and courses with few takers: the takers list is cheaper than a point read per advisee.</summary>
    private sealed record Data(List<Quad> Quads, int Expected);

    private static Data Random(int seed, int students = 1500, int teachers = 12, int courses = 150)
    {
        var random = new Random(seed);
        var quads = new List<Quad>();
        var advisor = new int[students];
        var teacher = new int[courses];
        var typedStudent = new bool[students];
        var typedCourse = new bool[courses];
        var takes = new HashSet<(int, int)>();
        for (int f = 0; f < teachers; f++) quads.Add(new Quad(I("f" + f), Type, Faculty));
        for (int c = 0; c < courses; c++)
        {
            typedCourse[c] = random.Next(6) != 0;
            if (typedCourse[c]) quads.Add(new Quad(I("c" + c), Type, Course));
            teacher[c] = random.Next(8) == 0 ? -1 : random.Next(teachers);
            if (teacher[c] >= 0) quads.Add(new Quad(I("f" + teacher[c]), TeacherOf, I("c" + c)));
        }
        for (int s = 0; s < students; s++)
        {
            typedStudent[s] = random.Next(10) != 0;
            if (typedStudent[s]) quads.Add(new Quad(I("s" + s), Type, Student));
            advisor[s] = random.Next(5) == 0 ? -1 : random.Next(teachers);
            if (advisor[s] >= 0) quads.Add(new Quad(I("s" + s), Advisor, I("f" + advisor[s])));
            for (int k = random.Next(4); k > 0; k--)
            {
                int c = random.Next(courses);
                if (takes.Add((s, c))) quads.Add(new Quad(I("s" + s), TakesCourse, I("c" + c)));
            }
        }
        int expected = takes.Count(t => typedStudent[t.Item1] && typedCourse[t.Item2] && advisor[t.Item1] >= 0 && teacher[t.Item2] == advisor[t.Item1]);
        return new Data(quads, expected);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_triangles_give_the_rows_of_nested_loops(int seed)
    {
        var data = Random(seed);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(data.Quads);

        var intersected = Rows(store.Query(Triangle, Intersecting));
        Assert.True(data.Expected > 20);
        Assert.Equal(data.Expected, intersected.Count);
        Assert.Equal(Rows(store.Query(Triangle, NestedLoops)), intersected);
        Assert.Equal(Rows(store.Query(Triangle, Capped)), intersected);
        // An in-memory source lists in no particular order: the lists are sorted before they are intersected.
        var memory = new InMemoryDataset(data.Quads);
        Assert.Equal(intersected, Rows(SparqlEngine.Evaluate(Triangle, memory, Intersecting)));
        Assert.Equal(intersected, Rows(SparqlEngine.Evaluate(Triangle, memory, NestedLoops)));
        Assert.Contains("∩", Bgp(store.Explain(Triangle, Intersecting)).Detail);
    }

    [Fact]
    public void Explain_shows_the_intersection_with_its_estimated_and_actual_rows()
    {
        var data = Random(7);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(data.Quads);

        var bgp = Bgp(store.Explain(Triangle, Intersecting));
        Assert.Matches(@"\d+∩\d+ \(read \d+, kept \d+\)", bgp.Detail);
        Assert.Equal(data.Expected, bgp.ActualRows);
        Assert.NotNull(bgp.EstimatedRows);
        Assert.DoesNotContain("∩", Bgp(store.Explain(Triangle, NestedLoops)).Detail);
    }

    [Fact]
    public void A_limit_stops_the_intersection_early()
    {
        var data = Random(4);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(data.Quads);

        long full = Read(Bgp(store.Explain(Triangle, Intersecting)).Detail!);
        var limited = Bgp(store.Explain(Triangle + " LIMIT 1", Intersecting));
        Assert.Equal(1, limited.ActualRows);
        Assert.True(Read(limited.Detail!) < full / 4, limited.Detail);
    }

    [Fact]
    public void Cancelling_stops_a_running_intersection()
    {
        var data = Random(5, students: 4000);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(data.Quads);
        using var cancel = new CancellationTokenSource();

        var rows = (SolutionSequence)store.Query(Triangle, new QueryOptions { UseResultCache = false, CancellationToken = cancel.Token });
        using var e = rows.GetEnumerator();
        Assert.True(e.MoveNext());
        cancel.Cancel();
        var error = Assert.Throws<TripleStoreException>(() => { while (e.MoveNext()) { } });
        Assert.Equal(ErrorCodes.Canceled, error.ErrorCode);
    }

    [Fact]
    public void A_variable_repeated_in_a_check_or_a_pattern_without_a_cycle_is_left_to_nested_loops()
    {
        var data = Random(6);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(data.Quads);
        store.Add(new Quad(I("s1"), TakesCourse, I("s1")));
        const string chain = "SELECT ?x ?z { ?x <http://example.org/advisor> ?y . ?y <http://example.org/teacherOf> ?z }";
        const string self = "SELECT ?x { ?x <http://example.org/advisor> ?y . ?x <http://example.org/takesCourse> ?x }";

        Assert.DoesNotContain("∩", Bgp(store.Explain(chain, Intersecting)).Detail);
        Assert.Equal(Rows(store.Query(self, NestedLoops)), Rows(store.Query(self, Intersecting)));
        Assert.Equal(Rows(store.Query(chain, NestedLoops)), Rows(store.Query(chain, Intersecting)));
    }

    private static long Read(string detail)
    {
        var m = System.Text.RegularExpressions.Regex.Match(detail, @"\(read (\d+),");
        Assert.True(m.Success, detail);
        return long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static QueryPlan Bgp(QueryPlan plan) => Find(plan, "BGP") ?? throw new InvalidOperationException(plan.ToString());

    private static QueryPlan? Find(QueryPlan plan, string op) =>
        plan.Operator == op ? plan : plan.Children.Select(c => Find(c, op)).FirstOrDefault(p => p is not null);

    private static List<string> Rows(SparqlResult result) => result is SolutionSequence rows
        ? rows.Select(r => string.Join(" | ", r.Select(t => t?.ToString() ?? "-"))).Order(StringComparer.Ordinal).ToList()
        : throw new InvalidOperationException(result.GetType().Name);
}
