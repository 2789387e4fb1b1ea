using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// A check with two variables bound earlier keeps the lists it reads per key (memo), and a check an
/// intersection covers may be read whole once. The answers must be those of nested loops exactly:
/// random triangles (people, departments, universities) are checked against a count worked out from the
/// data, with memo forced on, off, with memory too small to keep lists, and over an in-memory source.
/// </summary>
public class MemoCheckTests
{
    private const string Ex = "http://example.org/";
    private static Iri I(string local) => new(Ex + local);
    private static readonly Iri MemberOf = I("memberOf"), SubOrg = I("subOrganizationOf"), DegreeFrom = I("degreeFrom");
    private static readonly Iri Type = new("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    private static readonly Iri Department = I("Department");

    private static readonly QueryOptions Auto = new() { UseResultCache = false };
    private static readonly QueryOptions Memo = new() { UseResultCache = false, MemoChecks = true };
    private static readonly QueryOptions NestedLoops = new() { UseResultCache = false, MemoChecks = false, IntersectJoins = false, MergeJoins = false };
    private static readonly QueryOptions Tight = new() { UseResultCache = false, MemoChecks = true, MaxRowsInMemory = 3 };

    private const string Triangle =
        "SELECT ?x ?y ?z { ?z a <http://example.org/Department> . ?z <http://example.org/subOrganizationOf> ?y . " +
        "?x <http://example.org/degreeFrom> ?y . ?x <http://example.org/memberOf> ?z }";

    private sealed record Data(List<Quad> Quads, int Expected);

    /// <summary>Few universities with many departments each, people with one or two memberships and up to two degrees.</summary>
    private static Data Random(int seed, int universities = 6, int departments = 60, int people = 6000)
    {
        var random = new Random(seed);
        var quads = new List<Quad>();
        var university = new int[departments];
        var typed = new bool[departments];
        for (int d = 0; d < departments; d++)
        {
            typed[d] = random.Next(7) != 0;
            if (typed[d]) quads.Add(new Quad(I("d" + d), Type, Department));
            university[d] = random.Next(universities);
            quads.Add(new Quad(I("d" + d), SubOrg, I("u" + university[d])));
        }
        var member = new HashSet<(int, int)>();
        var degree = new HashSet<(int, int)>();
        for (int p = 0; p < people; p++)
        {
            for (int k = 1 + random.Next(2); k > 0; k--)
            {
                int d = random.Next(departments);
                if (member.Add((p, d))) quads.Add(new Quad(I("p" + p), MemberOf, I("d" + d)));
            }
            for (int k = random.Next(3); k > 0; k--)
            {
                // Degrees come from many more universities than have departments (as in LUBM), so few
                // people per university: the planner reaches ?x from ?y, and ?x repeats for each department.
                int u = random.Next(universities * 20);
                if (degree.Add((p, u))) quads.Add(new Quad(I("p" + p), DegreeFrom, I("u" + u)));
            }
        }
        int expected = member.Count(m => typed[m.Item2] && degree.Contains((m.Item1, university[m.Item2])));
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

        var memo = Rows(store.Query(Triangle, Memo));
        Assert.True(data.Expected > 20, data.Expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(data.Expected, memo.Count);
        Assert.Equal(Rows(store.Query(Triangle, NestedLoops)), memo);
        Assert.Equal(Rows(store.Query(Triangle, Auto)), memo);
        Assert.Equal(Rows(store.Query(Triangle, Tight)), memo);
        var memory = new InMemoryDataset(data.Quads);
        Assert.Equal(memo, Rows(SparqlEngine.Evaluate(Triangle, memory, Memo)));
        Assert.Equal(memo, Rows(SparqlEngine.Evaluate(Triangle, memory, NestedLoops)));
    }

    [Fact]
    public void Explain_marks_a_check_answered_from_kept_lists()
    {
        var data = Random(4);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(data.Quads);

        var bgp = Bgp(store.Explain(Triangle, Memo));
        // The closing check keeps its lists: as a memoized check, or as an intersection's check read whole.
        Assert.True(bgp.Detail!.Contains("memo(", StringComparison.Ordinal) || bgp.Detail.Contains("read whole", StringComparison.Ordinal), bgp.Detail);
        Assert.Equal(data.Expected, bgp.ActualRows);
        Assert.DoesNotContain("memo(", Bgp(store.Explain(Triangle, NestedLoops)).Detail);
        Assert.DoesNotContain("read whole", Bgp(store.Explain(Triangle, NestedLoops)).Detail);
    }

    [Fact]
    public void A_memo_check_under_a_limit_and_with_repeated_variables_stays_correct()
    {
        var data = Random(5);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(data.Quads);
        store.Add(new Quad(I("d1"), MemberOf, I("d1")));
        const string self = "SELECT ?z ?y { ?z <http://example.org/subOrganizationOf> ?y . ?z <http://example.org/memberOf> ?z }";

        var limited = Rows(store.Query(Triangle + " LIMIT 7", Memo));
        Assert.Equal(7, limited.Count);
        Assert.Equal(Rows(store.Query(self, NestedLoops)), Rows(store.Query(self, Memo)));
        Assert.Single(Rows(store.Query(self, Memo)));
    }

    /// <summary>The triangle of <see cref="BgpIntersectionTests"/>: its covered check read whole (forced) gives the same rows.</summary>
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void An_intersection_check_read_whole_gives_the_rows_of_nested_loops(int seed)
    {
        var random = new Random(seed);
        var quads = new List<Quad>();
        Iri advisor = I("advisor"), teacherOf = I("teacherOf"), takes = I("takesCourse");
        for (int c = 0; c < 200; c++) quads.Add(new Quad(I("f" + random.Next(15)), teacherOf, I("c" + c)));
        for (int s = 0; s < 2000; s++)
        {
            quads.Add(new Quad(I("s" + s), advisor, I("f" + random.Next(15))));
            for (int k = random.Next(4); k > 0; k--) quads.Add(new Quad(I("s" + s), takes, I("c" + random.Next(200))));
        }
        const string q = "SELECT ?x ?y ?z { ?y <http://example.org/teacherOf> ?z . ?x <http://example.org/advisor> ?y . ?x <http://example.org/takesCourse> ?z }";
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(quads.Distinct());

        var whole = Rows(store.Query(q, Memo));
        Assert.NotEmpty(whole);
        Assert.Equal(Rows(store.Query(q, NestedLoops)), whole);
        Assert.Equal(Rows(store.Query(q, Auto)), whole);
        Assert.Equal(Rows(store.Query(q, Tight)), whole);
        var detail = Bgp(store.Explain(q, Memo)).Detail!;
        if (detail.Contains('∩')) Assert.Contains("read whole", detail);
    }

    private static QueryPlan Bgp(QueryPlan plan) => Find(plan, "BGP") ?? throw new InvalidOperationException(plan.ToString());

    private static QueryPlan? Find(QueryPlan plan, string op) =>
        plan.Operator == op ? plan : plan.Children.Select(c => Find(c, op)).FirstOrDefault(p => p is not null);

    private static List<string> Rows(SparqlResult result) => result is SolutionSequence rows
        ? rows.Select(r => string.Join(" | ", r.Select(t => t?.ToString() ?? "-"))).Order(StringComparer.Ordinal).ToList()
        : throw new InvalidOperationException(result.GetType().Name);
}
