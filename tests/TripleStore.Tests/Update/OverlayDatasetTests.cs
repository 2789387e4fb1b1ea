using TripleStore.Dataset;
using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.Update;

public sealed class OverlayDatasetTests
{
    private static readonly Iri P = new("http://example.org/p");
    private static readonly Iri G = new("http://example.org/g");
    private static Quad Q(string s, Term? graph = null) => new(new Iri("http://example.org/" + s), P, Literal.Simple(s), graph);

    [Fact]
    public void Net_changes_cancel_out_and_reads_reflect_them()
    {
        var overlay = new OverlayDataset(new InMemoryDataset([Q("a"), Q("b", G)]));
        Assert.False(overlay.Insert(Q("a")));          // already in the base
        Assert.True(overlay.Delete(Q("a")));
        Assert.True(overlay.Insert(Q("a")));           // back again: no net change
        Assert.True(overlay.Insert(Q("c")));
        Assert.True(overlay.Delete(Q("c")));           // added then removed: no net change
        Assert.False(overlay.Delete(Q("zzz")));
        Assert.False(overlay.HasChanges);

        Assert.True(overlay.Delete(Q("b", G)));
        Assert.True(overlay.Insert(Q("d", G)));
        Assert.Equal([Q("b", G)], overlay.Removals);
        Assert.Equal([Q("d", G)], overlay.Additions);
        Assert.Equal([Q("d", G)], overlay.Match(null, P, null, GraphSelector.AllNamed).ToList());
        Assert.Equal([Q("d", G)], overlay.Match(new Iri("http://example.org/d"), null, null, GraphSelector.All).ToList());
        Assert.Empty(overlay.Match(new Iri("http://example.org/b"), null, null, GraphSelector.All));
        Assert.Equal([G], overlay.NamedGraphs());
        Assert.True(overlay.EstimateCount(new Iri("http://example.org/d"), null, null, GraphSelector.Named(G)) > 0);
    }

    [Fact]
    public void Created_graphs_exist_until_dropped()
    {
        var overlay = new OverlayDataset(new InMemoryDataset());
        Assert.False(overlay.ContainsGraph(G));
        Assert.True(overlay.CreateGraph(G));
        Assert.False(overlay.CreateGraph(G));
        Assert.True(overlay.ContainsGraph(G));
        Assert.Empty(overlay.NamedGraphs());           // empty graphs are not listed as non-empty graphs
        overlay.ForgetGraph(G);
        Assert.False(overlay.ContainsGraph(G));
    }
}
