using TripleStore.Rdf;

namespace TripleStore.Tests.Storage;

/// <summary>Small quad sets for store tests.</summary>
public static class StoreTestData
{
    public static Iri Ex(string local) => new("http://example.org/" + local);

    /// <summary>A mix of default-graph triples and quads in two named graphs, with inline and dictionary terms.</summary>
    public static List<Quad> Mixed()
    {
        var quads = new List<Quad>();
        var g1 = Ex("g1");
        var g2 = new BlankNode("graph-b");
        var subjects = new Term[] { Ex("s1"), Ex("s2"), new BlankNode("bnode1") };
        var predicates = new[] { Ex("p1"), Ex("p2"), RdfVocabulary.Type };
        var objects = new Term[]
        {
            Ex("o1"), Literal.Simple("short"), Literal.Simple("a literal longer than fifteen bytes"),
            Literal.Typed("42", Xsd.Integer), Literal.LangString("bonjour", "fr"), Ex("s1"),
        };
        int i = 0;
        foreach (var s in subjects)
            foreach (var p in predicates)
                foreach (var o in objects)
                {
                    Term? graph = (i++ % 3) switch { 0 => null, 1 => g1, _ => g2 };
                    quads.Add(new Quad(s, p, o, graph));
                }
        // The same triple in several graphs.
        quads.Add(new Quad(Ex("s1"), Ex("p1"), Ex("o1"), null));
        quads.Add(new Quad(Ex("s1"), Ex("p1"), Ex("o1"), g1));
        quads.Add(new Quad(Ex("s1"), Ex("p1"), Ex("o1"), g2));
        return quads.Distinct().ToList();
    }

    /// <summary>Many generated quads (for spills and concurrency).</summary>
    public static IEnumerable<Quad> Generated(int count, string prefix = "s", Term? graph = null)
    {
        var type = RdfVocabulary.Type;
        var name = Ex("name");
        for (int i = 0; i < count; i++)
        {
            var s = Ex(prefix + i);
            yield return (i % 2 == 0)
                ? new Quad(s, type, Ex("Class" + (i % 7)), graph)
                : new Quad(s, name, Literal.Simple("Name number " + i), graph);
        }
    }
}
