using TripleStore.Configuration;
using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Sparql;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Sparql;

public class ResultCacheTests
{
    private static readonly QueryOptions Uncached = new() { UseResultCache = false };

    private static RdfStore Open(TempFolder folder, params (string Key, object Value)[] settings)
    {
        var configuration = StoreConfiguration.Resolve(options: settings.Select(s => new KeyValuePair<string, object?>(s.Key, s.Value)),
            environment: new System.Collections.Hashtable());
        return RdfStore.Open(folder.Path, configuration.ToStoreOptions());
    }

    private static Quad Q(string s, string p, string o, string? g = null) =>
        new(StoreTestData.Ex(s), StoreTestData.Ex(p), StoreTestData.Ex(o), g is null ? null : StoreTestData.Ex(g));

    /// <summary>A result as sorted lines, so cached and uncached evaluations compare regardless of row order.</summary>
    private static List<string> Read(SparqlResult result) => result switch
    {
        SolutionSequence rows => rows.Select(r => string.Join(" ", r.Select(t => t?.ToString() ?? "UNDEF"))).Order(StringComparer.Ordinal).ToList(),
        GraphResult triples => triples.Select(t => t.ToString()!).Order(StringComparer.Ordinal).ToList(),
        BooleanResult answer => [answer.Value.ToString()],
        _ => throw new InvalidOperationException(),
    };

    private static List<string> Run(RdfStore store, string query, QueryOptions? options = null) => Read(store.Query(query, options));

    [Fact]
    public void A_repeated_query_is_answered_from_the_cache_with_the_same_result()
    {
        using var folder = new TempFolder();
        using var store = Open(folder);
        store.AddRange([Q("a", "p", "b"), Q("b", "p", "c")]);

        var first = Run(store, "SELECT ?s ?o { ?s <http://example.org/p> ?o }");
        var second = Run(store, "PREFIX ex: <http://example.org/>\nSELECT ?s ?o # same algebra, other text\n{ ?s ex:p ?o . }");

        Assert.Equal(first, second);
        Assert.Equal(2, first.Count);
        var stats = store.ResultCacheStatistics;
        Assert.True(stats.Enabled);
        Assert.Equal(1, stats.Hits);
        Assert.Equal(1, stats.Misses);
        Assert.Equal(1, stats.Entries);
        Assert.True(stats.Bytes > 0);
    }

    [Fact]
    public void A_write_to_one_predicate_keeps_entries_on_another_and_a_variable_predicate_entry_goes_on_any_write()
    {
        using var folder = new TempFolder();
        using var store = Open(folder);
        store.AddRange([Q("a", "pa", "b"), Q("a", "pb", "c")]);
        const string onA = "SELECT ?o { ?s <http://example.org/pa> ?o }";
        const string onB = "SELECT ?o { ?s <http://example.org/pb> ?o }";
        const string anyPredicate = "SELECT ?p { ?s ?p ?o }";
        Run(store, onA); Run(store, onB); Run(store, anyPredicate);
        Assert.Equal(3, store.ResultCacheStatistics.Entries);

        store.Add(Q("x", "pa", "y"));

        var stats = store.ResultCacheStatistics;
        Assert.Equal(1, stats.Entries);
        Assert.Equal(2, stats.Invalidations);
        long hits = stats.Hits;
        Assert.Single(Run(store, onB));
        Assert.Equal(hits + 1, store.ResultCacheStatistics.Hits);
        Assert.Equal(2, Run(store, onA).Count);
        Assert.Equal(3, Run(store, anyPredicate).Count);
    }

    [Fact]
    public void A_write_to_one_named_graph_keeps_entries_on_another_graph()
    {
        using var folder = new TempFolder();
        using var store = Open(folder);
        store.AddRange([Q("a", "p", "b", "g1"), Q("a", "p", "c", "g2")]);
        const string inG1 = "SELECT ?o { GRAPH <http://example.org/g1> { ?s <http://example.org/p> ?o } }";
        const string fromG2 = "SELECT ?o FROM <http://example.org/g2> { ?s <http://example.org/p> ?o }";
        Run(store, inG1); Run(store, fromG2);

        store.Add(Q("x", "p", "y", "g2"));
        Assert.Equal(1, store.ResultCacheStatistics.Entries);
        Assert.Equal(2, Run(store, fromG2).Count);

        store.Clear(TripleStore.Dataset.GraphSelector.Named(StoreTestData.Ex("g1")));
        Assert.Empty(Run(store, inG1));
        Assert.Equal(2, Run(store, fromG2).Count);
    }

    [Fact]
    public void Parameters_dataset_and_inference_are_part_of_the_key()
    {
        using var folder = new TempFolder();
        using var store = Open(folder);
        var type = RdfVocabulary.Type;
        var subClassOf = new Iri("http://www.w3.org/2000/01/rdf-schema#subClassOf");
        store.AddRange([
            new Quad(StoreTestData.Ex("rex"), type, StoreTestData.Ex("Dog")),
            new Quad(StoreTestData.Ex("Dog"), subClassOf, StoreTestData.Ex("Animal")),
            Q("a", "p", "b", "g1"), Q("a", "p", "c", "g2"),
        ]);
        store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs });

        const string animals = "SELECT ?x { ?x a <http://example.org/Animal> }";
        Assert.Single(Run(store, animals));
        Assert.Empty(Run(store, animals, new QueryOptions { IncludeDerived = false }));
        Assert.Single(Run(store, animals));

        const string byParameter = "SELECT ?o { GRAPH ?g { ?s <http://example.org/p> ?o } }";
        var inG1 = Run(store, byParameter, new QueryOptions { Parameters = new Dictionary<string, Term> { ["g"] = StoreTestData.Ex("g1") } });
        var inG2 = Run(store, byParameter, new QueryOptions { Parameters = new Dictionary<string, Term> { ["g"] = StoreTestData.Ex("g2") } });
        Assert.NotEqual(inG1, inG2);

        var fromG1 = Run(store, "SELECT ?o FROM <http://example.org/g1> { ?s <http://example.org/p> ?o }");
        var fromG2 = Run(store, "SELECT ?o FROM <http://example.org/g2> { ?s <http://example.org/p> ?o }");
        Assert.NotEqual(fromG1, fromG2);
        Assert.Equal(6, store.ResultCacheStatistics.Entries);
    }

    [Fact]
    public void The_cache_evicts_the_least_recently_used_entry_beyond_its_entry_bound()
    {
        using var folder = new TempFolder();
        using var store = Open(folder, ("ResultCacheEntries", 2));
        store.AddRange([Q("a", "p1", "b"), Q("a", "p2", "b"), Q("a", "p3", "b")]);
        string Query(int i) => $"SELECT ?o {{ ?s <http://example.org/p{i}> ?o }}";
        Run(store, Query(1)); Run(store, Query(2));
        Run(store, Query(1)); // now most recently used
        Run(store, Query(3)); // evicts p2

        var stats = store.ResultCacheStatistics;
        Assert.Equal(2, stats.Entries);
        Assert.Equal(1, stats.Evictions);
        long misses = stats.Misses;
        Run(store, Query(1));
        Assert.Equal(misses, store.ResultCacheStatistics.Misses);
        Run(store, Query(2));
        Assert.Equal(misses + 1, store.ResultCacheStatistics.Misses);
    }

    [Fact]
    public void The_cache_stays_within_its_byte_bound_and_skips_results_over_the_size_cap()
    {
        using var folder = new TempFolder();
        using var store = Open(folder, ("ResultCacheBytes", 4096), ("ResultCacheMaxResultBytes", 2048));
        store.AddRange(Enumerable.Range(0, 200).Select(i => Q("s" + i, "big", "o" + i)));
        store.AddRange(Enumerable.Range(0, 3).Select(i => Q("s" + i, "small", "o" + i)));

        Assert.Equal(200, Run(store, "SELECT ?s ?o { ?s <http://example.org/big> ?o }").Count);
        Assert.Equal(0, store.ResultCacheStatistics.Entries);

        for (int i = 0; i < 20; i++)
            Run(store, $"SELECT ?s ?o {{ ?s <http://example.org/small> ?o FILTER(?s != <http://example.org/x{i}>) }}");
        var stats = store.ResultCacheStatistics;
        Assert.InRange(stats.Bytes, 1, 4096);
        Assert.True(stats.Evictions > 0);
        Assert.True(stats.Entries is > 0 and < 20);
    }

    [Fact]
    public void A_result_evaluated_before_a_write_and_read_after_it_is_not_cached()
    {
        using var folder = new TempFolder();
        using var store = Open(folder);
        store.Add(Q("a", "p", "b"));
        const string query = "SELECT ?o { ?s <http://example.org/p> ?o }";

        var lazy = store.Query(query); // snapshot taken now, rows read later
        store.Add(Q("a", "p", "c"));
        Assert.Single(Read(lazy));

        Assert.Equal(0, store.ResultCacheStatistics.Entries);
        Assert.Equal(2, Run(store, query).Count);
    }

    [Fact]
    public void A_result_read_before_a_write_is_neither_stored_nor_served_once_the_write_is_visible()
    {
        // A reader may see a write as soon as it commits, before the cache has heard that it ended; in that
        // window an older fill must not replace the newer answer, and an entry from before must not be served.
        using var folder = new TempFolder();
        using var store = Open(folder);
        store.Add(Q("ledger", "count", "n29"));
        const string query = "SELECT ?o { <http://example.org/ledger> <http://example.org/count> ?o }";
        Assert.Equal(["<http://example.org/n29>"], Run(store, query)); // cached
        var old = store.Query(query); // a fill whose snapshot holds n29, read later
        var seen = new List<List<string>>();
        store.CommittedForTests = () =>
        {
            seen.Add(Run(store, query)); // the committed state, not the cached entry from before
            seen.Add(Read(old)); // the older fill ends now...
            seen.Add(Run(store, query)); // ...and must not have replaced the newer answer
        };
        store.ApplyChanges([Q("ledger", "count", "n29")], [Q("ledger", "count", "n30")]);
        store.CommittedForTests = null;
        Assert.Equal(["<http://example.org/n30>"], seen[0]);
        Assert.Equal(["<http://example.org/n29>"], seen[1]);
        Assert.Equal(["<http://example.org/n30>"], seen[2]);
        Assert.Equal(["<http://example.org/n30>"], Run(store, query));
        Assert.Equal(["<http://example.org/n30>"], Run(store, query));
        Assert.Equal(1, store.ResultCacheStatistics.Entries);
    }

    [Fact]
    public void A_write_that_changes_nothing_keeps_the_cached_results()
    {
        using var folder = new TempFolder();
        using var store = Open(folder);
        store.Add(Q("a", "p", "b"));
        const string query = "SELECT ?o { ?s <http://example.org/p> ?o }";
        Run(store, query);
        store.Add(Q("a", "p", "b")); // already there
        Run(store, query);
        Assert.Equal(1, store.ResultCacheStatistics.Hits);
    }

    [Fact]
    public void Clearing_empties_the_cache()
    {
        using var folder = new TempFolder();
        using var store = Open(folder);
        store.Add(Q("a", "p", "b"));
        Run(store, "ASK { ?s ?p ?o }");
        Run(store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }");
        Assert.Equal(2, store.ClearResultCache());
        Assert.Equal(0, store.ResultCacheStatistics.Entries);
        Assert.Equal(0, store.ResultCacheStatistics.Bytes);
    }

    [Fact]
    public void Setting_ResultCacheEntries_to_zero_turns_the_cache_off_and_bad_values_are_refused()
    {
        using var folder = new TempFolder();
        using (var store = Open(folder, ("ResultCacheEntries", 0)))
        {
            store.Add(Q("a", "p", "b"));
            Run(store, "ASK { ?s ?p ?o }");
            Run(store, "ASK { ?s ?p ?o }");
            Assert.False(store.ResultCacheStatistics.Enabled);
            Assert.Equal(0, store.ResultCacheStatistics.Hits);
        }
        var error = Assert.Throws<TripleStoreException>(() => StoreConfiguration.Resolve(
            options: [new KeyValuePair<string, object?>("ResultCacheEntries", -1)], environment: new System.Collections.Hashtable()));
        Assert.Equal(ErrorCodes.Configuration, error.ErrorCode);
        Assert.Contains("ResultCacheEntries", error.Message);
    }

    /// <summary>
    /// Random writes (adds, removes, updates, graph clears, on random predicates and graphs) interleaved
    /// with reads of a fixed set of queries; every cached read must equal an uncached evaluation.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Cached_reads_always_equal_uncached_evaluation_under_random_writes(int seed)
    {
        using var folder = new TempFolder();
        using var store = Open(folder, ("ResultCacheEntries", 12));
        var random = new Random(seed);
        string[] predicates = ["p0", "p1", "p2", "p3"];
        string?[] graphs = [null, "g0", "g1"];
        string[] queries =
        [
            "SELECT ?s ?o { ?s <http://example.org/p0> ?o }",
            "SELECT ?s ?o { ?s <http://example.org/p1> ?o }",
            "SELECT ?s { ?s <http://example.org/p0> ?x . ?x <http://example.org/p2> ?o }",
            "SELECT ?s ?p ?o { ?s ?p ?o }",
            "SELECT ?g ?o { GRAPH ?g { ?s <http://example.org/p3> ?o } }",
            "SELECT ?o { GRAPH <http://example.org/g0> { ?s <http://example.org/p1> ?o } }",
            "SELECT ?o FROM <http://example.org/g1> { ?s <http://example.org/p2> ?o }",
            "SELECT (COUNT(*) AS ?n) { ?s <http://example.org/p1>+ ?o }",
            "SELECT ?s ?o { ?s <http://example.org/p0>? ?o }",
            "ASK { ?s <http://example.org/p3> <http://example.org/o1> }",
            "CONSTRUCT { ?o <http://example.org/back> ?s } WHERE { ?s <http://example.org/p2>|<http://example.org/p3> ?o }",
            "SELECT ?s { ?s <http://example.org/p0> ?o FILTER NOT EXISTS { ?o <http://example.org/p1> ?z } }",
            "SELECT ?s { ?s <http://example.org/p0> ?o OPTIONAL { ?o <http://example.org/p2> ?z } }",
        ];
        Quad RandomQuad() => Q("s" + random.Next(4), predicates[random.Next(predicates.Length)], "o" + random.Next(4), graphs[random.Next(graphs.Length)]);
        for (int step = 0; step < 250; step++)
        {
            switch (random.Next(10))
            {
                case 0: case 1: store.Add(RandomQuad()); break;
                case 2: store.Remove(RandomQuad()); break;
                case 3:
                    var q = RandomQuad();
                    store.Update($"INSERT DATA {{ GRAPH <http://example.org/g{random.Next(2)}> {{ {q.Subject} {q.Predicate} {q.Object} }} }}");
                    break;
                case 4 when random.Next(5) == 0:
                    store.Clear(TripleStore.Dataset.GraphSelector.Named(StoreTestData.Ex("g" + random.Next(2))));
                    break;
                default:
                    var query = queries[random.Next(queries.Length)];
                    var cached = Run(store, query);
                    var fresh = Run(store, query, Uncached);
                    Assert.True(fresh.SequenceEqual(cached), $"step {step}, seed {seed}: {query}");
                    break;
            }
        }
        Assert.True(store.ResultCacheStatistics.Hits > 0);
    }

    /// <summary>A writer raises a counter while readers query it through the cache: no read may see a value older than the last write completed before it began.</summary>
    [Fact]
    public void Concurrent_cached_reads_never_see_a_value_older_than_the_last_completed_write()
    {
        using var folder = new TempFolder();
        using var store = Open(folder);
        var counter = StoreTestData.Ex("counter");
        var value = StoreTestData.Ex("value");
        store.Add(new Quad(counter, value, Literal.Simple("0")));
        long committed = 0;
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (int i = 1; i <= 150; i++)
            {
                store.ApplyChanges([new Quad(counter, value, Literal.Simple((i - 1).ToString()))], [new Quad(counter, value, Literal.Simple(i.ToString()))]);
                Volatile.Write(ref committed, i);
            }
        });
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!writer.IsCompleted)
            {
                long before = Volatile.Read(ref committed);
                var rows = (SolutionSequence)store.Query("SELECT ?v { <http://example.org/counter> <http://example.org/value> ?v }");
                var seen = rows.Select(r => long.Parse(((Literal)r[0]!).Value)).ToList();
                if (seen.Count != 1 || seen[0] < before) failures.Add($"saw [{string.Join(",", seen)}] after {before} was committed");
            }
        })).ToArray();
        Task.WaitAll([writer, .. readers]);
        Assert.Empty(failures);
        Assert.Equal(["150"], Run(store, "SELECT ?v { <http://example.org/counter> <http://example.org/value> ?v }")
            .Select(line => line.Trim('"')).Take(1).Select(s => s.Split('"')[0]));
    }
}
