using TripleStore.Dataset;
using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.Storage;

public class QuadPatternTests
{
    private static readonly GraphSelector[] Selectors =
    [
        GraphSelector.Default, GraphSelector.AllNamed, GraphSelector.All,
        GraphSelector.Named(StoreTestData.Ex("g1")), GraphSelector.Named(new BlankNode("graph-b")),
        GraphSelector.Named(StoreTestData.Ex("no-such-graph")),
    ];

    private static bool InSelector(Quad quad, GraphSelector selector) => selector.Kind switch
    {
        GraphSelectorKind.DefaultGraph => quad.Graph is null,
        GraphSelectorKind.AllNamedGraphs => quad.Graph is not null,
        GraphSelectorKind.AllGraphs => true,
        _ => quad.Graph == selector.Name,
    };

    [Fact]
    public void Every_pattern_shape_returns_exactly_the_matching_quads_whether_written_or_imported()
    {
        var data = StoreTestData.Mixed();
        using var folder = new TempFolder();
        foreach (bool import in new[] { false, true })
        {
            var store = RdfStore.Open(folder.Combine(import ? "imported" : "written"));
            try
            {
                if (import) store.ImportQuads(data);
                else store.AddRange(data);
                using var snapshot = store.OpenSnapshot();
                foreach (var probe in data.Take(40))
                    foreach (var selector in Selectors)
                        for (int mask = 0; mask < 8; mask++)
                        {
                            Term? s = (mask & 1) != 0 ? probe.Subject : null;
                            Term? p = (mask & 2) != 0 ? probe.Predicate : null;
                            Term? o = (mask & 4) != 0 ? probe.Object : null;
                            var expected = data.Where(q => InSelector(q, selector)
                                && (s is null || q.Subject == s) && (p is null || q.Predicate == p) && (o is null || q.Object == o))
                                .OrderBy(q => q.ToString(), StringComparer.Ordinal).ToList();
                            var actual = snapshot.Match(s, p, o, selector).OrderBy(q => q.ToString(), StringComparer.Ordinal).ToList();
                            Assert.Equal(expected, actual);
                            long estimate = snapshot.EstimateCount(s, p, o, selector);
                            Assert.Equal(expected.Count == 0, estimate == 0);
                            Assert.True(estimate >= expected.Count, $"estimate {estimate} < {expected.Count} for {s} {p} {o} {selector}");
                        }
            }
            finally
            {
                store.Dispose();
            }
        }
    }

    [Fact]
    public void Wrongly_typed_bound_positions_match_nothing()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Path);
        try
        {
            store.AddRange(StoreTestData.Mixed());
            using var snapshot = store.OpenSnapshot();
            Assert.Empty(snapshot.Match(Literal.Simple("short"), null, null, GraphSelector.All));
            Assert.Empty(snapshot.Match(null, Literal.Simple("short"), null, GraphSelector.All));
            Assert.Empty(snapshot.Match(null, new BlankNode("bnode1"), null, GraphSelector.All));
            Assert.Equal(0, snapshot.EstimateCount(null, Literal.Simple("x"), null, GraphSelector.All));
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void Named_graphs_lists_the_non_empty_graphs()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Path);
        try
        {
            store.AddRange(StoreTestData.Mixed());
            using (var snapshot = store.OpenSnapshot())
                Assert.Equal(new Term[] { new BlankNode("graph-b"), StoreTestData.Ex("g1") }.OrderBy(t => t), snapshot.NamedGraphs().OrderBy(t => t));
            store.Clear(GraphSelector.Named(StoreTestData.Ex("g1")));
            using (var snapshot = store.OpenSnapshot())
            {
                Assert.Equal(new Term[] { new BlankNode("graph-b") }, snapshot.NamedGraphs());
                Assert.Empty(snapshot.Match(null, null, null, GraphSelector.Named(StoreTestData.Ex("g1"))));
                Assert.Equal(0, snapshot.EstimateCount(null, null, null, GraphSelector.Named(StoreTestData.Ex("g1"))));
            }
        }
        finally
        {
            store.Dispose();
        }
    }
}
