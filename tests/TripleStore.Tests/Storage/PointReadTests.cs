using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Tests.Reasoning;
using Xunit;

namespace TripleStore.Tests.Storage;

/// <summary>
/// Existence checks and merged scans on a store with a materialization: fully bound lookups are point reads
/// (asserted family, then derived) whose last answer a cursor keeps, and scans merge both families by key.
/// </summary>
public class PointReadTests
{
    private const string Ex = "http://example.org/";
    private static Iri I(string local) => new(Ex + local);
    private static readonly Iri Type = new("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");

    private static ReasoningTestData Store()
    {
        var data = new ReasoningTestData();
        // a: Student (asserted Person too), b: Student only, c: Person only, d: nothing.
        data.Add(ReasoningTestData.Parse("""
            :Student rdfs:subClassOf :Person .
            :a a :Student , :Person .
            :b a :Student .
            :c a :Person .
            :d :name "d" .
            """));
        data.Materialize();
        return data;
    }

    private static IdPattern Point(IEncodedQuadSource source, Term subject, Term predicate, Term @object)
    {
        source.TryEncode(subject, out var s);
        source.TryEncode(predicate, out var p);
        source.TryEncode(@object, out var o);
        return new IdPattern { Subject = s, HasSubject = true, Predicate = p, HasPredicate = true, Object = o, HasObject = true, Graph = GraphSelectorKind.DefaultGraph };
    }

    private static int Count(IQuadCursor cursor, in IdPattern pattern)
    {
        cursor.Seek(pattern);
        int n = 0;
        while (cursor.Next(out _)) n++;
        return n;
    }

    [Fact]
    public void Point_reads_find_asserted_and_derived_triples_and_repeat_their_answers()
    {
        using var data = Store();
        using var snapshot = data.Store.OpenSnapshot();
        IEncodedQuadSource source = snapshot;
        using var cursor = source.OpenCursor();
        var person = I("Person");
        // The same check again and again (the kept answer), then alternating keys (a new read each time).
        for (int round = 0; round < 3; round++)
        {
            Assert.Equal(1, Count(cursor, Point(source, I("a"), Type, person)));   // asserted (and derivable)
            Assert.Equal(1, Count(cursor, Point(source, I("a"), Type, person)));
            Assert.Equal(1, Count(cursor, Point(source, I("b"), Type, person)));   // derived only
            Assert.Equal(1, Count(cursor, Point(source, I("c"), Type, person)));   // asserted only
            Assert.Equal(0, Count(cursor, Point(source, I("d"), Type, person)));   // neither
            Assert.Equal(0, Count(cursor, Point(source, I("d"), Type, person)));
            Assert.Equal(1, Count(cursor, Point(source, I("d"), I("name"), Literal.Simple("d"))));
        }
        // Without the derived triples, b is not a Person.
        using var asserted = data.Store.OpenSnapshot(includeDerived: false);
        IEncodedQuadSource plain = asserted;
        using var plainCursor = plain.OpenCursor();
        Assert.Equal(0, Count(plainCursor, Point(plain, I("b"), Type, person)));
        Assert.Equal(1, Count(plainCursor, Point(plain, I("c"), Type, person)));
        // Term-level existence checks take the same point reads.
        Assert.Single(snapshot.Match(I("b"), Type, person, GraphSelector.Default));
        Assert.Empty(asserted.Match(I("b"), Type, person, GraphSelector.Default));
    }

    [Fact]
    public void A_cursor_keeps_answers_only_for_its_own_snapshot()
    {
        using var data = Store();
        using var before = data.Store.OpenSnapshot();
        IEncodedQuadSource old = before;
        using var oldCursor = old.OpenCursor();
        var check = Point(old, I("d"), Type, I("Person"));
        Assert.Equal(0, Count(oldCursor, check));

        data.Store.AddRange([new Quad(I("d"), Type, I("Person"), null)]);
        using var after = data.Store.OpenSnapshot();
        IEncodedQuadSource fresh = after;
        using var freshCursor = fresh.OpenCursor();
        Assert.Equal(1, Count(freshCursor, check));
        Assert.Equal(0, Count(oldCursor, check));
    }

    [Fact]
    public void A_scan_merges_asserted_and_derived_keys_in_order_once_each()
    {
        using var data = Store();
        using var snapshot = data.Store.OpenSnapshot();
        IEncodedQuadSource source = snapshot;
        using var cursor = source.OpenCursor();
        source.TryEncode(Type, out var type);
        source.TryEncode(I("Person"), out var person);
        for (int round = 0; round < 2; round++)
        {
            cursor.Seek(new IdPattern { Predicate = type, HasPredicate = true, Object = person, HasObject = true, Graph = GraphSelectorKind.DefaultGraph });
            var subjects = new List<NodeId>();
            while (cursor.Next(out var quad)) subjects.Add(quad.Subject);
            // a is asserted (and derivable), b derived only, c asserted only: three rows, in key order.
            Assert.Equal(new[] { I("a"), I("b"), I("c") }.OrderBy(t => t.Value), subjects.Select(id => (Iri)source.Decode(id)).OrderBy(t => t.Value));
            Assert.Equal(subjects.OrderBy(id => id.High).ThenBy(id => id.Low), subjects);
        }
    }
}
