using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Sparql.Evaluation;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// A BGP's join order is kept per state of the data (<see cref="BgpOrderCache"/>) and reused by the next
/// compile of the same query. The answers must be those of a fresh plan and of an in-memory evaluation;
/// the kept order must be dropped by any write (a new state), so an order that the data no longer favours
/// is chosen again; and options the choice reads must not share an order.
/// </summary>
public class BgpOrderCacheTests
{
    private const string Ex = "http://example.org/";
    private static Iri I(string local) => new(Ex + local);

    private static readonly QueryOptions Auto = new() { UseResultCache = false };

    private const string Join = "SELECT ?x ?y ?z { ?x <http://example.org/p> ?y . ?x <http://example.org/q> ?z }";

    private static List<Quad> Data(int ps, int qs, int offset = 0) =>
        [
            .. Enumerable.Range(offset, ps).Select(i => new Quad(I("s" + i), I("p"), I("o" + i))),
            .. Enumerable.Range(0, qs).Select(i => new Quad(I("s" + (i % 50)), I("q"), I("v" + i))),
        ];

    private static object? State(RdfStore store)
    {
        using var snapshot = store.OpenSnapshot();
        return ((IEncodedQuadSource)snapshot).PlanningState;
    }

    [Fact]
    public void A_second_run_reuses_the_order_and_gives_the_same_rows()
    {
        var quads = Data(20, 400);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(quads);
        var state = State(store);
        Assert.NotNull(state);
        Assert.Equal(0, BgpOrderCache.CountFor(state!));

        var first = Rows(store.Query(Join, Auto));
        Assert.Equal(1, BgpOrderCache.CountFor(state!));
        var second = Rows(store.Query(Join, Auto));
        Assert.Equal(1, BgpOrderCache.CountFor(state!));
        Assert.Equal(first, second);
        Assert.Equal(Rows(SparqlEngine.Evaluate(Join, new InMemoryDataset(quads), Auto)), second);
        // A forced setting plans afresh and keeps nothing.
        Assert.Equal(second, Rows(store.Query(Join, Auto with { MergeJoins = false })));
        Assert.Equal(1, BgpOrderCache.CountFor(state!));
        // Options the choice reads get orders of their own.
        Assert.Equal(second, Rows(store.Query(Join, Auto with { MaxRowsInMemory = 1_000_000 })));
        Assert.Equal(2, BgpOrderCache.CountFor(state!));
    }

    [Fact]
    public void A_write_gives_a_new_state_and_the_order_is_chosen_again()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        // Few p triples, many q triples: the join starts with p.
        store.AddRange(Data(5, 400));
        var before = State(store);
        Assert.StartsWith("[join order: 1", Order(store));
        Assert.StartsWith("[join order: 1", Order(store));

        // Now p is the larger pattern: a kept order would still start with it.
        var more = Enumerable.Range(100, 3000).Select(i => new Quad(I("s" + i), I("p"), I("o" + i))).ToList();
        store.AddRange(more);
        var after = State(store);
        Assert.NotSame(before, after);
        Assert.StartsWith("[join order: 2", Order(store));
        var all = Data(5, 400).Concat(more).ToList();
        Assert.Equal(Rows(SparqlEngine.Evaluate(Join, new InMemoryDataset(all), Auto)), Rows(store.Query(Join, Auto)));
    }

    [Fact]
    public void Queries_with_input_values_or_dataset_clauses_keep_nothing()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(Data(10, 100));
        var state = State(store)!;
        var parameters = Auto with { Parameters = new Dictionary<string, Term> { ["x"] = I("s1") } };
        var rows = Rows(store.Query(Join, parameters));
        Assert.NotEmpty(rows);
        Assert.Equal(0, BgpOrderCache.CountFor(state));
        // The same BGP text with other variable slots is another key.
        Rows(store.Query("SELECT ?z ?y ?x { ?x <http://example.org/p> ?y . ?x <http://example.org/q> ?z }", Auto));
        Rows(store.Query(Join, Auto));
        Assert.Equal(2, BgpOrderCache.CountFor(state));
    }

    private static string Order(RdfStore store)
    {
        var detail = Find(store.Explain(Join, Auto), "BGP")!.Detail!;
        return detail[detail.IndexOf("[join order:", StringComparison.Ordinal)..];
    }

    private static QueryPlan? Find(QueryPlan plan, string op) =>
        plan.Operator == op ? plan : plan.Children.Select(c => Find(c, op)).FirstOrDefault(p => p is not null);

    private static List<string> Rows(SparqlResult result) => result is SolutionSequence rows
        ? rows.Select(r => string.Join(" | ", r.Select(t => t?.ToString() ?? "-"))).Order(StringComparer.Ordinal).ToList()
        : throw new InvalidOperationException(result.GetType().Name);
}
