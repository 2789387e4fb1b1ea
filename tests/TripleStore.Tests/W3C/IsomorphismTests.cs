using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.W3C;

public class IsomorphismTests
{
    private static readonly Iri P = new("http://x/p");
    private static readonly Iri Q = new("http://x/q");

    private static List<Quad> Cycle(params string[] nodes)
    {
        var quads = new List<Quad>();
        for (int i = 0; i < nodes.Length; i++)
            quads.Add(new Quad(new BlankNode(nodes[i]), P, new BlankNode(nodes[(i + 1) % nodes.Length])));
        return quads;
    }

    [Fact]
    public void Renamed_blank_nodes_are_isomorphic()
    {
        var a = new List<Quad> { new(new BlankNode("a"), P, Literal.Simple("1")), new(new BlankNode("a"), Q, new BlankNode("b")) };
        var b = new List<Quad> { new(new BlankNode("y"), Q, new BlankNode("z")), new(new BlankNode("y"), P, Literal.Simple("1")) };
        Assert.True(Isomorphism.AreIsomorphic(a, b));
    }

    [Fact]
    public void A_six_cycle_is_not_two_three_cycles_though_every_node_looks_alike()
    {
        var six = Cycle("a", "b", "c", "d", "e", "f");
        var twoThrees = Cycle("u", "v", "w").Concat(Cycle("x", "y", "z")).ToList();
        Assert.False(Isomorphism.AreIsomorphic(six, twoThrees));
        Assert.True(Isomorphism.AreIsomorphic(six, Cycle("6", "5", "4", "3", "2", "1")));
    }

    [Fact]
    public void Blank_node_graph_names_are_matched_too()
    {
        var a = new List<Quad> { new(new Iri("http://x/s"), P, new BlankNode("o"), new BlankNode("g")) };
        var b = new List<Quad> { new(new Iri("http://x/s"), P, new BlankNode("o2"), new BlankNode("g2")) };
        var c = new List<Quad> { new(new Iri("http://x/s"), P, new BlankNode("same"), new BlankNode("same")) };
        Assert.True(Isomorphism.AreIsomorphic(a, b));
        Assert.False(Isomorphism.AreIsomorphic(a, c));
    }

    [Fact]
    public void Ground_differences_and_sizes_are_reported()
    {
        var a = new List<Quad> { new(new Iri("http://x/s"), P, Literal.Simple("1")) };
        var b = new List<Quad> { new(new Iri("http://x/s"), P, Literal.Simple("2")) };
        Assert.Contains("lacks", Isomorphism.TryExplainDifference(a, b));
        Assert.Contains("distinct statements", Isomorphism.TryExplainDifference(a, a.Concat(b)));
    }
}
