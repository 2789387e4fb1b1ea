using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Storage;
using TripleStore.Tests.Reasoning;
using Xunit;

namespace TripleStore.Tests.Storage;

/// <summary>
/// Lookups skip the derived family where a predicate's derived triples have no such subject or object
/// (<see cref="DerivedPredicateSummary"/>). The answers must be those of the merged scans: random
/// organizations, people and sub-properties, materialized, then every lookup shape of every predicate
/// and term compared with the store's full content, with the sets kept, given up (limits lowered), and
/// across writes; and a triangle query against an in-memory evaluation.
/// </summary>
public class DerivedPredicateSummaryTests
{
    private const string Ex = "http://example.org/";
    private static Iri I(string local) => new(Ex + local);
    private static readonly Iri Type = new("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");

    private static string RandomData(int seed, int people = 120, int departments = 12)
    {
        var random = new Random(seed);
        var text = new System.Text.StringBuilder("""
            :worksFor rdfs:subPropertyOf :memberOf .
            :headOf rdfs:subPropertyOf :worksFor .
            :subOrganizationOf a owl:TransitiveProperty .
            :GraduateStudent rdfs:subClassOf :Student .
            :Student rdfs:subClassOf :Person .
            :Professor rdfs:subClassOf :Person .

            """);
        for (int d = 0; d < departments; d++)
        {
            text.Append($":d{d} a :Department ; :subOrganizationOf :u{d % 3} .\n");
            text.Append($":g{d} a :Group ; :subOrganizationOf :d{d} .\n");
        }
        for (int p = 0; p < people; p++)
        {
            int d = random.Next(departments);
            switch (random.Next(4))
            {
                case 0: text.Append($":p{p} a :GraduateStudent ; :memberOf :d{d} ; :degreeFrom :u{random.Next(3)} .\n"); break;
                case 1: text.Append($":p{p} a :Professor ; :worksFor :d{d} .\n"); break;
                case 2: text.Append($":p{p} a :Professor ; :headOf :d{d} ; :worksFor :d{d} .\n"); break;
                default: text.Append($":p{p} a :GraduateStudent ; :worksFor :g{d} ; :memberOf :d{d} .\n"); break;
            }
        }
        return text.ToString();
    }

    private static int Count(IQuadCursor cursor, in IdPattern pattern)
    {
        cursor.Seek(pattern);
        int n = 0;
        while (cursor.Next(out _)) n++;
        return n;
    }

    /// <summary>Every (s p ?), (? p o) and (s p o) lookup of every predicate and term, against the full content.</summary>
    private static void AssertLookupsMatch(RdfStore store, HashSet<Triple> all)
    {
        var predicates = all.Select(t => t.Predicate).Distinct().ToList();
        var terms = all.SelectMany(t => new[] { t.Subject, t.Object }).Distinct().Append(I("absent")).ToList();
        var bySubject = all.GroupBy(t => (t.Predicate, t.Subject)).ToDictionary(g => g.Key, g => g.Count());
        var byObject = all.GroupBy(t => (t.Predicate, t.Object)).ToDictionary(g => g.Key, g => g.Count());
        using var snapshot = store.OpenSnapshot();
        IEncodedQuadSource source = snapshot;
        using var cursor = source.OpenCursor();
        // Two rounds: the first reads the sets (after the lowered number of lookups), the second uses them.
        for (int round = 0; round < 2; round++)
            foreach (var p in predicates)
            {
                source.TryEncode(p, out var pid);
                foreach (var term in terms)
                {
                    source.TryEncode(term, out var id);
                    Assert.Equal(bySubject.GetValueOrDefault((p, term)),
                        Count(cursor, new IdPattern { Subject = id, HasSubject = true, Predicate = pid, HasPredicate = true, Graph = GraphSelectorKind.DefaultGraph }));
                    Assert.Equal(byObject.GetValueOrDefault((p, term)),
                        Count(cursor, new IdPattern { Predicate = pid, HasPredicate = true, Object = id, HasObject = true, Graph = GraphSelectorKind.DefaultGraph }));
                    var other = terms[Math.Abs(term.GetHashCode() % terms.Count)];
                    source.TryEncode(other, out var oid);
                    Assert.Equal(all.Contains(new Triple(term, p, other)) ? 1 : 0,
                        Count(cursor, new IdPattern { Subject = id, HasSubject = true, Predicate = pid, HasPredicate = true, Object = oid, HasObject = true, Graph = GraphSelectorKind.DefaultGraph }));
                }
            }
    }

    private static void WithLimits(int lookups, int subjects, int objects, Action test)
    {
        int l = DerivedPredicateSummary.LookupsBeforeBuild, s = DerivedPredicateSummary.SubjectLimit, o = DerivedPredicateSummary.ObjectLimit;
        DerivedPredicateSummary.LookupsBeforeBuild = lookups;
        DerivedPredicateSummary.SubjectLimit = subjects;
        DerivedPredicateSummary.ObjectLimit = objects;
        try
        {
            test();
        }
        finally
        {
            DerivedPredicateSummary.LookupsBeforeBuild = l;
            DerivedPredicateSummary.SubjectLimit = s;
            DerivedPredicateSummary.ObjectLimit = o;
        }
    }

    [Theory]
    [InlineData(1, 1, 16_384, 4_096)]   // sets read at once and kept whole
    [InlineData(2, 3, 5, 3)]            // subject sets given up (objects by skipping), object sets given up
    [InlineData(3, 1_000_000, 16_384, 4_096)] // never read: every lookup seeks both families
    public void Lookups_give_the_merged_answers_whether_the_sets_are_kept_or_not(int seed, int lookups, int subjects, int objects)
    {
        WithLimits(lookups, subjects, objects, () =>
        {
            using var data = new ReasoningTestData();
            data.Add(ReasoningTestData.Parse(RandomData(seed)));
            data.Materialize();
            Assert.NotEmpty(data.Derived());
            AssertLookupsMatch(data.Store, data.All());
        });
    }

    [Fact]
    public void The_sets_say_which_subjects_and_objects_have_derived_triples()
    {
        WithLimits(1, 16_384, 4_096, () =>
        {
            using var data = new ReasoningTestData();
            data.Add(ReasoningTestData.Parse(RandomData(4)));
            data.Materialize();
            using var snapshot = data.Store.OpenSnapshot();
            IEncodedQuadSource source = snapshot;
            var subOrg = snapshot.DerivedSummary(snapshot.Encode(I("subOrganizationOf")));
            var name = snapshot.DerivedSummary(snapshot.Encode(I("name")));
            Assert.True(subOrg.Present);
            Assert.False(name.Present);
            // A department's parent is asserted; only groups get a derived (transitive) university.
            var scanner = DerivedScanner(snapshot);
            Assert.False(subOrg.MayMatch(scanner, true, snapshot.Encode(I("d1")), false, default));
            Assert.True(subOrg.Built);
            Assert.True(subOrg.HasSubjectSet);
            Assert.True(subOrg.MayMatch(scanner, true, snapshot.Encode(I("g1")), false, default));
            Assert.True(subOrg.MayMatch(scanner, false, default, true, snapshot.Encode(I("u1"))));
            Assert.False(subOrg.MayMatch(scanner, false, default, true, snapshot.Encode(I("d1"))));
            // rdf:type's derived objects are the superclasses; Department is never derived.
            var type = snapshot.DerivedSummary(snapshot.Encode(Type));
            Assert.True(type.MayMatch(scanner, false, default, true, snapshot.Encode(I("Person"))));
            Assert.False(type.MayMatch(scanner, false, default, true, snapshot.Encode(I("Department"))));
            // The summary is shared by later snapshots of the same state.
            using var again = data.Store.OpenSnapshot();
            Assert.Same(subOrg, again.DerivedSummary(again.Encode(I("subOrganizationOf"))));
        });
    }

    [Fact]
    public void A_new_materialization_is_seen_by_later_snapshots_and_not_by_earlier_ones()
    {
        WithLimits(1, 16_384, 4_096, () =>
        {
            using var data = new ReasoningTestData();
            data.Add(ReasoningTestData.Parse(RandomData(5)));
            data.Materialize();
            using var before = data.Store.OpenSnapshot();
            var d1 = before.Encode(I("d1"));
            var subOrg = before.Encode(I("subOrganizationOf"));
            var pattern = new IdPattern { Subject = new NodeId(d1.High, d1.Low), HasSubject = true, Predicate = new NodeId(subOrg.High, subOrg.Low), HasPredicate = true, Graph = GraphSelectorKind.DefaultGraph };
            IEncodedQuadSource old = before;
            using (var cursor = old.OpenCursor())
            {
                Assert.Equal(1, Count(cursor, pattern));
                Assert.Equal(1, Count(cursor, pattern));
            }

            // d1 gets a grandparent: a derived subOrganizationOf for d1, which the earlier sets did not have.
            data.Add(ReasoningTestData.Parse(":u1 :subOrganizationOf :system . :u0 :subOrganizationOf :system . :u2 :subOrganizationOf :system ."));
            data.Materialize();
            using var after = data.Store.OpenSnapshot();
            IEncodedQuadSource fresh = after;
            using (var cursor = fresh.OpenCursor())
            {
                Assert.Equal(2, Count(cursor, pattern));
                Assert.Equal(2, Count(cursor, pattern));
            }
            using (var cursor = old.OpenCursor())
                Assert.Equal(1, Count(cursor, pattern));
            AssertLookupsMatch(data.Store, data.All());
        });
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void A_triangle_query_matches_an_in_memory_evaluation(int seed)
    {
        WithLimits(1, 16_384, 4_096, () =>
        {
            using var data = new ReasoningTestData();
            data.Add(ReasoningTestData.Parse(RandomData(seed, people: 300)));
            data.Materialize();
            const string query = """
                PREFIX : <http://example.org/>
                SELECT ?x ?y ?z WHERE { ?x a :Student . ?z a :Department . ?x :memberOf ?z . ?z :subOrganizationOf ?y . ?x :degreeFrom ?y }
                """;
            var options = new QueryOptions { UseResultCache = false };
            var stored = Rows(data.Store.Query(query, options));
            var memory = new InMemoryDataset(data.All().Select(t => t.InGraph(null)));
            var expected = Rows(SparqlEngine.Evaluate(query, memory, options));
            Assert.NotEmpty(expected);
            Assert.Equal(expected, stored);
            // Run again: the sets are read by now.
            Assert.Equal(expected, Rows(data.Store.Query(query, options)));
        });
    }

    private static QuadScanner DerivedScanner(StoreSnapshot snapshot) =>
        (QuadScanner)typeof(StoreSnapshot).GetField("_derived", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(snapshot)!;

    private static List<string> Rows(SparqlResult result) => result is SolutionSequence rows
        ? rows.Select(r => string.Join(" | ", r.Select(t => t?.ToString() ?? "-"))).Order(StringComparer.Ordinal).ToList()
        : throw new InvalidOperationException(result.GetType().Name);
}
