using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Sparql.Evaluation;
using TripleStore.Sparql.Expressions;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// A BGP step the estimates say is probed many times runs as a hash join over ids. The answers must be
/// those of index probing exactly: each query runs with hashing and with a memory limit too small for any
/// table (so every step probes), and is checked against a count worked out from the data directly.
/// </summary>
public class HashStepTests
{
    private const string Ex = "http://example.org/";
    private static Iri I(string local) => new(Ex + local);
    private static readonly Iri Type = new("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    private static readonly Iri Student = I("Student"), Faculty = I("Faculty"), Course = I("Course");
    private static readonly Iri Advisor = I("advisor"), TeacherOf = I("teacherOf"), TakesCourse = I("takesCourse");

    private const int Students = 3000, Teachers = 40, Courses = 100;

    // The default waits for 10,000 probes; this data is smaller. Intersection off: on this data it would
    // take the triangle's closing check, which these tests want hashed (BgpIntersectionTests cover it).
    private static readonly QueryOptions Hashing = new() { UseResultCache = false, HashJoinMinProbes = 500, IntersectJoins = false };

    private static int? AdvisorOf(int s) => s % 7 == 0 ? null : s % Teachers;
    private static int[] CoursesOf(int s) => s % 11 == 0 ? [] : [s % Courses, (s * 7 + 3) % Courses];
    private static int? TeacherOfCourse(int c) => c % 9 == 0 ? null : c % Teachers;

    private static List<Quad> Data()
    {
        var quads = new List<Quad>();
        for (int f = 0; f < Teachers; f++) quads.Add(new Quad(I("f" + f), Type, Faculty));
        for (int c = 0; c < Courses; c++)
        {
            // Every fifth course is not typed, so the type check drops rows.
            if (c % 5 != 0) quads.Add(new Quad(I("c" + c), Type, Course));
            if (TeacherOfCourse(c) is { } f) quads.Add(new Quad(I("f" + f), TeacherOf, I("c" + c)));
        }
        for (int s = 0; s < Students; s++)
        {
            if (s % 13 != 0) quads.Add(new Quad(I("s" + s), Type, Student));
            if (AdvisorOf(s) is { } a) quads.Add(new Quad(I("s" + s), Advisor, I("f" + a)));
            foreach (int c in CoursesOf(s).Distinct()) quads.Add(new Quad(I("s" + s), TakesCourse, I("c" + c)));
        }
        return quads;
    }

    private static int ExpectedTriangles()
    {
        int n = 0;
        for (int s = 0; s < Students; s++)
        {
            if (s % 13 == 0 || AdvisorOf(s) is not { } a) continue;
            foreach (int c in CoursesOf(s).Distinct())
                if (c % 5 != 0 && TeacherOfCourse(c) == a) n++;
        }
        return n;
    }

    private const string Triangle =
        "SELECT ?x ?y ?z { ?x a <http://example.org/Student> . ?y a <http://example.org/Faculty> . ?z a <http://example.org/Course> . " +
        "?x <http://example.org/advisor> ?y . ?y <http://example.org/teacherOf> ?z . ?x <http://example.org/takesCourse> ?z }";

    [Fact]
    public void A_triangle_gives_the_same_rows_hashed_and_probed_and_explain_marks_the_hashed_steps()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(Data());

        var hashed = Rows(store.Query(Triangle, Hashing));
        var probed = Rows(store.Query(Triangle, new QueryOptions { UseResultCache = false, MaxRowsInMemory = 10 }));
        var memory = Rows(SparqlEngine.Evaluate(Triangle, new InMemoryDataset(Data())));

        int expected = ExpectedTriangles();
        Assert.True(expected > 100);
        Assert.Equal(expected, hashed.Count);
        Assert.Equal(probed, hashed);
        Assert.Equal(memory, hashed);

        var withHash = Find(store.Explain(Triangle, Hashing), "BGP")!;
        Assert.Contains("hash(", withHash.Detail);
        Assert.Equal(expected, withHash.ActualRows);
        var withoutHash = Find(store.Explain(Triangle, new QueryOptions { MaxRowsInMemory = 10, IntersectJoins = false }), "BGP")!;
        Assert.DoesNotContain("hash(", withoutHash.Detail);
        // Below its threshold of probes a step never hashes (when no earlier query left its table to share).
        Assert.DoesNotContain("hash(", Find(store.Explain(Triangle, new QueryOptions { HashJoinMinProbes = 100_000, HashCheckMinProbes = 100_000, IntersectJoins = false, SharedScans = false }), "BGP")!.Detail);
        Assert.Contains("[join order: ", withoutHash.Detail);
    }

    [Fact]
    public void A_hashed_step_that_binds_new_variables_returns_every_match_per_key()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(Data());
        // Each student with an advisor reaches every course the advisor teaches: a one-to-many step.
        const string query = "SELECT ?x ?z { ?x a <http://example.org/Student> . ?x <http://example.org/advisor> ?y . ?y <http://example.org/teacherOf> ?z }";

        var hashed = Rows(store.Query(query, Hashing));
        var probed = Rows(store.Query(query, new QueryOptions { UseResultCache = false, MaxRowsInMemory = 10 }));

        int expected = 0;
        for (int s = 0; s < Students; s++)
            if (s % 13 != 0 && AdvisorOf(s) is { } a)
                expected += Enumerable.Range(0, Courses).Count(c => TeacherOfCourse(c) == a);
        Assert.Equal(expected, hashed.Count);
        Assert.Equal(probed, hashed);
    }

    [Fact]
    public void The_cursor_probes_until_its_threshold_and_falls_back_to_probing_when_the_scan_exceeds_the_limit()
    {
        var data = Data();
        var source = new InterningQuadSource(new InMemoryDataset(data));
        var ctx = new EvaluationContext(new InMemoryDataset(data), QueryOptions.Default, new VariableTable(), new FunctionContext(DateTimeOffset.UtcNow));
        source.TryEncode(TakesCourse, out var takes);
        foreach (var (limit, hashAfter) in new (long, long)[] { (5, 0), (1_000_000, 0), (5, 10), (1_000_000, 10), (1_000_000, 1000) })
        {
            using var cursor = new HashedStepCursor(source, [true, false, false], limit, hashAfter, ctx);
            int total = 0;
            for (int s = 0; s < 50; s++)
            {
                source.TryEncode(I("s" + s), out var subject);
                cursor.Seek(new IdPattern { Subject = subject, HasSubject = true, Predicate = takes, HasPredicate = true, Graph = GraphSelectorKind.DefaultGraph });
                var courses = new List<Term>();
                while (cursor.Next(out var quad))
                {
                    Assert.Equal(subject, quad.Subject);
                    courses.Add(source.Decode(quad.Object));
                }
                Assert.Equal(CoursesOf(s).Distinct().Select(c => (Term)I("c" + c)).OrderBy(t => t.ToString()), courses.OrderBy(t => t.ToString()));
                total += courses.Count;
            }
            // Built once the seeks passed hashAfter, unless the scan had more matches than the limit.
            Assert.Equal(limit > 1000 && hashAfter < 50, cursor.Hashed);
            Assert.True(total > 50);
        }
    }

    private static QueryPlan? Find(QueryPlan plan, string op) =>
        plan.Operator == op ? plan : plan.Children.Select(c => Find(c, op)).FirstOrDefault(p => p is not null);

    private static List<string> Rows(SparqlResult result) => result is SolutionSequence rows
        ? rows.Select(r => string.Join(" | ", r.Select(t => t?.ToString() ?? "-"))).Order(StringComparer.Ordinal).ToList()
        : throw new InvalidOperationException(result.GetType().Name);
}
