using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Storage;
using TripleStore.Tests.Reasoning;
using Xunit;

namespace TripleStore.Tests.Storage;

/// <summary>
/// A predicate with few derived triples keeps them in memory (<see cref="DerivedKeys"/>), and lookups read
/// the derived side from there instead of the derived family. Every lookup shape (point, by subject, by
/// object, whole predicate, from a start id as a merge join restarts, over object ranges) must give the
/// merged answers of the store's content, before and after the keys are kept, with the keys given up past
/// the limit, and a later materialization must be seen by later snapshots only.
/// </summary>
public class DerivedKeysTests
{
    private const string Ex = "http://example.org/";
    private static Iri I(string local) => new(Ex + local);

    private static string RandomData(int seed, int people = 150, int departments = 10)
    {
        var random = new Random(seed);
        var text = new System.Text.StringBuilder("""
            :worksFor rdfs:subPropertyOf :memberOf .
            :headOf rdfs:subPropertyOf :worksFor .
            :subOrganizationOf a owl:TransitiveProperty .
            :Chair owl:equivalentClass [ owl:intersectionOf ( :Person [ a owl:Restriction ; owl:onProperty :headOf ; owl:someValuesFrom :Department ] ) ] .
            :Professor rdfs:subClassOf :Person .

            """);
        for (int d = 0; d < departments; d++)
        {
            text.Append($":d{d} a :Department ; :subOrganizationOf :u{d % 3} ; :rank {d} .\n");
            text.Append($":g{d} a :Group ; :subOrganizationOf :d{d} .\n");
        }
        for (int p = 0; p < people; p++)
        {
            int d = random.Next(departments);
            switch (random.Next(3))
            {
                case 0: text.Append($":p{p} a :Professor ; :worksFor :d{d} ; :age {20 + p % 40} .\n"); break;
                case 1: text.Append($":p{p} a :Professor ; :headOf :d{d} ; :age {20 + p % 40} .\n"); break;
                default: text.Append($":p{p} a :Professor ; :headOf :g{d} ; :worksFor :d{d} .\n"); break;
            }
        }
        return text.ToString();
    }

    private static void WithLimits(int lookups, int subjects, Action test)
    {
        int l = DerivedPredicateSummary.LookupsBeforeBuild, s = DerivedPredicateSummary.SubjectLimit;
        DerivedPredicateSummary.LookupsBeforeBuild = lookups;
        DerivedPredicateSummary.SubjectLimit = subjects;
        try
        {
            test();
        }
        finally
        {
            DerivedPredicateSummary.LookupsBeforeBuild = l;
            DerivedPredicateSummary.SubjectLimit = s;
        }
    }

    private static NodeId Id(IEncodedQuadSource source, Term term)
    {
        source.TryEncode(term, out var id);
        return id;
    }

    private static int Compare(NodeId a, NodeId b) => a.High != b.High ? a.High.CompareTo(b.High) : a.Low.CompareTo(b.Low);

    private static List<(NodeId S, NodeId O)> Read(IQuadCursor cursor)
    {
        var rows = new List<(NodeId, NodeId)>();
        while (cursor.Next(out var q)) rows.Add((q.Subject, q.Object));
        return rows;
    }

    /// <summary>
    /// Every lookup shape of every predicate against the content, twice: the first round reads the summary
    /// (after the lowered number of lookups), the second reads the derived side from memory where kept.
    /// </summary>
    private static void AssertLookupsMatch(RdfStore store, HashSet<Triple> all)
    {
        using var snapshot = store.OpenSnapshot();
        IEncodedQuadSource source = snapshot;
        var encoded = all.Select(t => (S: Id(source, t.Subject), P: Id(source, t.Predicate), O: Id(source, t.Object))).ToList();
        var predicates = encoded.Select(t => t.P).Distinct().ToList();
        var terms = encoded.SelectMany(t => new[] { t.S, t.O }).Distinct().Append(Id(source, I("absent"))).ToList();
        using var cursor = (IOrderedQuadCursor)source.OpenCursor();
        for (int round = 0; round < 2; round++)
            foreach (var p in predicates)
            {
                var ofP = encoded.Where(t => t.P == p).ToList();
                var whole = new IdPattern { Predicate = p, HasPredicate = true, Graph = GraphSelectorKind.DefaultGraph };
                cursor.Seek(whole);
                var expectedWhole = ofP.Select(t => (t.S, t.O)).OrderBy(t => t.O, Comparer<NodeId>.Create(Compare)).ThenBy(t => t.S, Comparer<NodeId>.Create(Compare)).ToList();
                Assert.Equal(expectedWhole, Read(cursor));
                foreach (var term in terms)
                {
                    cursor.Seek(whole with { Subject = term, HasSubject = true });
                    Assert.Equal(ofP.Where(t => t.S == term).Select(t => t.O).Order(Comparer<NodeId>.Create(Compare)), Read(cursor).Select(r => r.O));
                    cursor.Seek(whole with { Object = term, HasObject = true });
                    Assert.Equal(ofP.Where(t => t.O == term).Select(t => t.S).Order(Comparer<NodeId>.Create(Compare)), Read(cursor).Select(r => r.S));
                    var other = terms[Math.Abs(term.GetHashCode() % terms.Count)];
                    cursor.Seek(whole with { Subject = term, HasSubject = true, Object = other, HasObject = true });
                    Assert.Equal(ofP.Contains((term, p, other)) ? 1 : 0, Read(cursor).Count);
                    // A merge join's restart: the predicate's matches from an object on, in object order.
                    Assert.True(cursor.OrdersBy(whole, 2));
                    cursor.SeekFrom(whole, 2, term);
                    Assert.Equal(expectedWhole.Where(t => Compare(t.O, term) >= 0).ToList(), Read(cursor));
                }
                // Object ranges: two disjoint spans of the objects, read in one scan.
                var objects = expectedWhole.Select(t => t.O).Distinct().ToList();
                if (objects.Count >= 4)
                {
                    var ranges = new[] { new NodeRange(objects[0], objects[1]), new NodeRange(objects[^2], objects[^1]) };
                    cursor.Seek(whole with { ObjectRanges = ranges });
                    Assert.Equal(expectedWhole.Where(t => ranges.Any(r => Compare(t.O, r.Low) >= 0 && Compare(t.O, r.High) <= 0)).ToList(), Read(cursor));
                }
            }
    }

    [Theory]
    [InlineData(1, 1, 16_384)]          // keys kept at the first lookup
    [InlineData(2, 3, 4)]               // given up: more derived triples than the limit
    [InlineData(3, 1_000_000, 16_384)]  // never read: every lookup seeks the derived family
    public void Lookups_give_the_merged_answers_whether_the_keys_are_kept_or_not(int seed, int lookups, int subjects)
    {
        WithLimits(lookups, subjects, () =>
        {
            using var data = new ReasoningTestData();
            data.Add(ReasoningTestData.Parse(RandomData(seed)));
            data.Materialize();
            Assert.NotEmpty(data.Derived());
            AssertLookupsMatch(data.Store, data.All());
        });
    }

    [Fact]
    public void The_keys_are_kept_only_when_every_derived_triple_was_read()
    {
        using var data = new ReasoningTestData();
        data.Add(ReasoningTestData.Parse(RandomData(4)));
        data.Materialize();
        var derived = data.Derived();
        int worksFor = derived.Count(t => t.Predicate.Equals(I("worksFor")));
        Assert.True(worksFor > 4);
        WithLimits(1, 16_384, () =>
        {
            using var snapshot = data.Store.OpenSnapshot();
            var summary = snapshot.DerivedSummary(snapshot.Encode(I("worksFor")));
            Assert.Null(summary.Keys);
            summary.MayMatch(DerivedScanner(snapshot), true, snapshot.Encode(I("p1")), false, default);
            Assert.Equal(worksFor, summary.Keys!.Count);
        });
        data.Add(ReasoningTestData.Parse(":x :name \"state changes\" ."));
        WithLimits(1, 4, () =>
        {
            using var snapshot = data.Store.OpenSnapshot();
            var summary = snapshot.DerivedSummary(snapshot.Encode(I("worksFor")));
            summary.MayMatch(DerivedScanner(snapshot), true, snapshot.Encode(I("p1")), false, default);
            Assert.True(summary.Built);
            Assert.Null(summary.Keys);
        });
    }

    [Fact]
    public void A_new_materialization_is_seen_by_later_snapshots_and_not_by_earlier_ones()
    {
        WithLimits(1, 16_384, () =>
        {
            using var data = new ReasoningTestData();
            data.Add(ReasoningTestData.Parse(RandomData(5)));
            data.Materialize();
            using var before = data.Store.OpenSnapshot();
            IEncodedQuadSource old = before;
            var pattern = new IdPattern { Subject = Id(old, I("newHead")), HasSubject = true, Predicate = Id(old, I("worksFor")), HasPredicate = true, Graph = GraphSelectorKind.DefaultGraph };
            using (var cursor = old.OpenCursor())
            {
                for (int i = 0; i < 2; i++)
                {
                    cursor.Seek(pattern);
                    Assert.Empty(Read(cursor));
                }
            }
            Assert.NotNull(before.DerivedSummary(before.Encode(I("worksFor"))).Keys);

            data.Add(ReasoningTestData.Parse(":newHead :headOf :d1 ."));
            data.Materialize();
            using var after = data.Store.OpenSnapshot();
            IEncodedQuadSource fresh = after;
            using (var cursor = fresh.OpenCursor())
            {
                for (int i = 0; i < 2; i++)
                {
                    cursor.Seek(pattern);
                    Assert.Equal([Id(fresh, I("d1"))], Read(cursor).Select(r => r.O));
                }
                // The point read too.
                cursor.Seek(pattern with { Object = Id(fresh, I("d1")), HasObject = true });
                Assert.Single(Read(cursor));
            }
            Assert.NotNull(after.DerivedSummary(after.Encode(I("worksFor"))).Keys);
            using (var cursor = old.OpenCursor())
            {
                cursor.Seek(pattern);
                Assert.Empty(Read(cursor));
            }
            AssertLookupsMatch(data.Store, data.All());
        });
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void A_chair_query_matches_an_in_memory_evaluation(int seed)
    {
        WithLimits(1, 16_384, () =>
        {
            using var data = new ReasoningTestData();
            data.Add(ReasoningTestData.Parse(RandomData(seed, people: 300)));
            data.Materialize();
            const string query = """
                PREFIX : <http://example.org/>
                SELECT ?x ?y WHERE { ?x a :Chair . ?y a :Department . ?x :worksFor ?y . ?y :subOrganizationOf :u1 }
                """;
            var options = new QueryOptions { UseResultCache = false };
            var memory = new InMemoryDataset(data.All().Select(t => t.InGraph(null)));
            var expected = Rows(SparqlEngine.Evaluate(query, memory, options));
            Assert.NotEmpty(expected);
            Assert.Equal(expected, Rows(data.Store.Query(query, options)));
            // Again, with the keys in memory by now.
            Assert.Equal(expected, Rows(data.Store.Query(query, options)));
        });
    }

    private static QuadScanner DerivedScanner(StoreSnapshot snapshot) =>
        (QuadScanner)typeof(StoreSnapshot).GetField("_derived", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(snapshot)!;

    private static List<string> Rows(SparqlResult result) => result is SolutionSequence rows
        ? rows.Select(r => string.Join(" | ", r.Select(t => t?.ToString() ?? "-"))).Order(StringComparer.Ordinal).ToList()
        : throw new InvalidOperationException(result.GetType().Name);
}
