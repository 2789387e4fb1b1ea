using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Sparql;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// The BGP join runs over ids: on the store over its key ids, elsewhere through the interning adapter.
/// Both must give exactly the answers of term-level evaluation, so each query here runs on the store and
/// on an in-memory copy of the same quads and the multisets of rows are compared (and checked against
/// counts worked out by hand, so a bug shared by both paths still fails).
/// </summary>
public class IdJoinTests
{
    private const string Ex = "http://example.org/";
    private static Iri I(string local) => new(Ex + local);

    private static readonly Iri P = I("p"), Q = I("q"), Knows = I("knows"), Age = I("age"), Label = I("label");

    private static List<Quad> Data()
    {
        var quads = new List<Quad>();
        // A ring and chords: knows-triangles exist for (n, n+1, n+2) closed by n -> n+2 edges on even n.
        for (int n = 0; n < 60; n++)
        {
            quads.Add(new Quad(I("n" + n), Knows, I("n" + ((n + 1) % 60))));
            if (n % 2 == 0) quads.Add(new Quad(I("n" + n), Knows, I("n" + ((n + 2) % 60))));
        }
        // Literals that look alike but are different RDF terms: inline ("1") and dictionary ("01") forms.
        quads.Add(new Quad(I("a"), Age, Literal.Typed("1", Xsd.Integer)));
        quads.Add(new Quad(I("b"), Age, Literal.Typed("01", Xsd.Integer)));
        quads.Add(new Quad(I("c"), Age, Literal.Typed("1", Xsd.Integer)));
        quads.Add(new Quad(I("d"), Age, Literal.Typed("1", Xsd.Long)));
        quads.Add(new Quad(I("a"), Label, Literal.LangString("chat", "FR")));
        quads.Add(new Quad(I("b"), Label, Literal.LangString("chat", "fr")));
        quads.Add(new Quad(I("c"), Label, Literal.Simple("chat")));
        quads.Add(new Quad(I("d"), Label, Literal.Simple("a label far too long to be packed into an id")));
        quads.Add(new Quad(I("e"), Label, Literal.Simple("a label far too long to be packed into an id")));
        // A subject that is its own object, for repeated variables.
        quads.Add(new Quad(I("self"), P, I("self")));
        quads.Add(new Quad(I("self"), P, I("other")));
        // Named graphs, one of them also naming itself.
        quads.Add(new Quad(I("x"), P, I("y"), I("g1")));
        quads.Add(new Quad(I("y"), Q, I("z"), I("g1")));
        quads.Add(new Quad(I("y"), Q, I("w"), I("g2")));
        quads.Add(new Quad(I("g2"), P, I("y"), I("g2")));
        quads.Add(new Quad(I("x"), P, I("y")));
        return quads;
    }

    public static TheoryData<string, int> Queries() => new()
    {
        // Triangle over the ring's chords: one per even n.
        { "SELECT * { ?a <http://example.org/knows> ?b . ?b <http://example.org/knows> ?c . ?a <http://example.org/knows> ?c }", 30 },
        // Joins on literal values compare RDF terms: "1" and "01" differ, xsd:integer and xsd:long differ.
        { "SELECT * { ?s <http://example.org/age> ?v . ?t <http://example.org/age> ?v FILTER(?s != ?t) }", 2 },
        { "SELECT * { ?s <http://example.org/age> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> }", 2 },
        { "SELECT * { ?s <http://example.org/age> \"01\"^^<http://www.w3.org/2001/XMLSchema#integer> }", 1 },
        { "SELECT * { ?s <http://example.org/age> 1 }", 2 },
        // Language tags compare in lower case; a simple literal is another term.
        { "SELECT * { ?s <http://example.org/label> ?l . ?t <http://example.org/label> ?l FILTER(?s != ?t) }", 4 },
        { "SELECT * { ?s <http://example.org/label> \"chat\"@fr }", 2 },
        // A repeated variable inside one pattern.
        { "SELECT * { ?s <http://example.org/p> ?s }", 1 },
        { "SELECT * { ?s ?p ?s }", 1 },
        // Constants absent from the data, in every position.
        { "SELECT * { ?s <http://example.org/nothing> ?o }", 0 },
        { "SELECT * { <http://example.org/nobody> ?p ?o }", 0 },
        { "SELECT * { ?s ?p \"never said\" }", 0 },
        // A fully bound pattern is an existence check.
        { "ASK { <http://example.org/n0> <http://example.org/knows> <http://example.org/n2> }", 1 },
        { "SELECT * { ?a <http://example.org/knows> ?b . ?b <http://example.org/knows> <http://example.org/n5> }", 2 },
        // Named graphs: fixed, variable, a graph variable also used in the pattern, the union default graph.
        { "SELECT * { GRAPH <http://example.org/g1> { ?s ?p ?o } }", 2 },
        { "SELECT * { GRAPH ?g { ?s <http://example.org/p> ?o . ?o <http://example.org/q> ?z } }", 2 },
        { "SELECT * { GRAPH ?g { ?g ?p ?o } }", 1 },
        { "SELECT * { ?x <http://example.org/p> ?y GRAPH ?g { ?y <http://example.org/q> ?z } }", 2 },
        { "SELECT * FROM <http://example.org/g1> FROM <http://example.org/g2> { ?s ?p ?o }", 4 },
        // Input bindings from VALUES and OPTIONAL reach the BGP as terms and are encoded once per row.
        { "SELECT * { VALUES ?v { 1 \"01\"^^<http://www.w3.org/2001/XMLSchema#integer> 7 } ?s <http://example.org/age> ?v }", 3 },
        { "SELECT * { ?s <http://example.org/label> ?l OPTIONAL { ?s <http://example.org/age> ?v } }", 5 },
        { "SELECT * { ?a <http://example.org/knows> ?b FILTER(?a = <http://example.org/n1>) }", 1 },
        // A filter inside the BGP may name a variable the BGP never binds: it stays unbound, nothing is decoded for it.
        { "SELECT * { ?s <http://example.org/age> ?v FILTER(!BOUND(?never) && ?v = 1) }", 4 },
        { "SELECT * { ?s <http://example.org/age> ?v FILTER(COALESCE(?never, ?v) = 1) }", 4 },
        // LIMIT stops the join early; the count is still exact.
        { "SELECT * { ?a <http://example.org/knows> ?b . ?b <http://example.org/knows> ?c } LIMIT 7", 7 },
        { "SELECT (COUNT(*) AS ?n) { ?a <http://example.org/knows> ?b . ?b <http://example.org/knows> ?c }", 1 },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void The_store_and_memory_agree_with_the_expected_count(string query, int expected)
    {
        var data = Data();
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(data);

        var fromStore = Rows(store.Query(query, new QueryOptions { UseResultCache = false }));
        var fromMemory = Rows(SparqlEngine.Evaluate(query, new InMemoryDataset(data)));

        Assert.Equal(expected, fromStore.Count);
        if (!query.Contains("LIMIT", StringComparison.Ordinal)) Assert.Equal(fromMemory, fromStore);
        else Assert.Equal(expected, fromMemory.Count);
    }

    [Fact]
    public void Derived_triples_join_with_asserted_ones_and_a_triple_in_both_counts_once()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        var type = new Iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
        var subClass = new Iri("http://www.w3.org/2000/01/rdf-schema#subClassOf");
        var quads = new List<Quad> { new(I("Student"), subClass, I("Person")) };
        for (int n = 0; n < 50; n++)
        {
            quads.Add(new Quad(I("s" + n), type, I("Student")));
            quads.Add(new Quad(I("s" + n), Knows, I("s" + ((n + 1) % 50))));
        }
        quads.Add(new Quad(I("s0"), type, I("Person")));   // also derived
        store.AddRange(quads);
        store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs, Full = true });

        const string query = "SELECT * { ?a a <http://example.org/Person> . ?a <http://example.org/knows> ?b . ?b a <http://example.org/Person> }";
        var rows = Rows(store.Query(query, new QueryOptions { UseResultCache = false }));

        Assert.Equal(50, rows.Count);
        Assert.Equal(50, rows.Distinct().Count());
        Assert.Equal(50, Rows(store.Query("SELECT ?a { ?a a <http://example.org/Person> }", new QueryOptions { UseResultCache = false })).Count);
    }

    [Fact]
    public void Explain_still_reports_estimated_and_actual_rows_of_the_bgp()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(Data());

        var plan = store.Explain("SELECT * { ?a <http://example.org/knows> ?b . ?b <http://example.org/knows> ?c . ?a <http://example.org/knows> ?c }");

        var bgp = Find(plan, "BGP");
        Assert.NotNull(bgp);
        Assert.NotNull(bgp!.EstimatedRows);
        Assert.Equal(30, bgp.ActualRows);
    }

    [Fact]
    public void The_interning_adapter_gives_equal_terms_equal_ids_and_decodes_them_back()
    {
        var source = new InterningQuadSource(new InMemoryDataset(Data()));
        Assert.True(source.TryEncode(Literal.Typed("1", Xsd.Integer), out var one));
        Assert.True(source.TryEncode(Literal.Typed("1", Xsd.Integer), out var again));
        Assert.True(source.TryEncode(Literal.Typed("01", Xsd.Integer), out var padded));
        Assert.Equal(one, again);
        Assert.NotEqual(one, padded);
        Assert.Equal(Literal.Typed("01", Xsd.Integer), source.Decode(padded));

        using var cursor = source.OpenCursor();
        source.TryEncode(Age, out var age);
        cursor.Seek(new IdPattern { Predicate = age, HasPredicate = true, Object = one, HasObject = true, Graph = GraphSelectorKind.DefaultGraph });
        var subjects = new List<Term>();
        while (cursor.Next(out var quad)) subjects.Add(source.Decode(quad.Subject));
        Assert.Equal(new Term[] { I("a"), I("c") }, subjects.OrderBy(t => t.ToString()));
    }

    [Fact]
    public void A_store_cursor_reseeks_one_iterator_for_many_lookups()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(Data());
        using var snapshot = store.OpenSnapshot();
        IEncodedQuadSource source = snapshot;
        source.TryEncode(Knows, out var knows);

        using var cursor = source.OpenCursor();
        int total = 0;
        for (int n = 0; n < 60; n++)
        {
            source.TryEncode(I("n" + n), out var subject);
            cursor.Seek(new IdPattern { Subject = subject, HasSubject = true, Predicate = knows, HasPredicate = true, Graph = GraphSelectorKind.DefaultGraph });
            int here = 0;
            while (cursor.Next(out var quad))
            {
                Assert.Equal(subject, quad.Subject);
                Assert.Equal(NodeId.DefaultGraph, quad.Graph);
                here++;
            }
            Assert.Equal(n % 2 == 0 ? 2 : 1, here);
            total += here;
        }
        Assert.Equal(90, total);

        // Named graphs only, then the default graph and every named graph.
        source.TryEncode(P, out var p);
        cursor.Seek(new IdPattern { Predicate = p, HasPredicate = true, Graph = GraphSelectorKind.AllNamedGraphs });
        var graphs = new List<Term>();
        while (cursor.Next(out var quad)) graphs.Add(source.Decode(quad.Graph));
        Assert.Equal(new Term[] { I("g1"), I("g2") }, graphs.OrderBy(t => t.ToString()));
        cursor.Seek(new IdPattern { Predicate = p, HasPredicate = true, Graph = GraphSelectorKind.AllGraphs });
        int all = 0;
        while (cursor.Next(out _)) all++;
        Assert.Equal(5, all);
    }

    private static QueryPlan? Find(QueryPlan plan, string op) =>
        plan.Operator == op ? plan : plan.Children.Select(c => Find(c, op)).FirstOrDefault(p => p is not null);

    private static List<string> Rows(SparqlResult result) => result switch
    {
        SolutionSequence rows => rows.Select(r => string.Join(" | ", r.Select(t => t?.ToString() ?? "-"))).Order(StringComparer.Ordinal).ToList(),
        BooleanResult b => b.Value ? ["true"] : [],
        _ => throw new InvalidOperationException(result.GetType().Name),
    };
}
