using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Reasoning;

/// <summary>
/// The materialization's state survives a reopen: the status, and a change log written atomically with
/// every write, so the next run after a reopen is incremental and equals a full recomputation.
/// </summary>
public class MaterializationPersistenceTests
{
    private const string Ontology = ":A rdfs:subClassOf :B . :B rdfs:subClassOf :C . :p rdfs:domain :A . :x :p :y . :z a :A .";

    private static Quad Q(string triple) => ReasoningTestData.T(triple).InGraph(null);

    private static HashSet<Triple> Derived(RdfStore store)
    {
        using var all = store.OpenSnapshot();
        using var asserted = store.OpenSnapshot(includeDerived: false);
        var set = all.Match(null, null, null, GraphSelector.Default).Select(q => q.Triple).ToHashSet();
        set.ExceptWith(asserted.Match(null, null, null, GraphSelector.Default).Select(q => q.Triple));
        return set;
    }

    public static IEnumerable<object[]> Seeds => Enumerable.Range(1, 15).Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void IncrementalRunsAfterReopenEqualFullRecomputation(int seed)
    {
        var generator = new RandomOntology(seed + 5000);
        var current = generator.Schema(10).Concat(generator.Data(30)).Distinct().ToList();
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        using (var store = RdfStore.Open(path))
        {
            store.AddRange(current.Select(t => t.InGraph(null)));
            store.Materialize();
        }
        int incremental = 0;
        for (int step = 0; step < 5; step++)
        {
            var (removals, additions) = generator.Update(current, 6);
            if (step % 2 == 1) removals = []; // additions only: incremental even with equivalence classes
            using (var store = RdfStore.Open(path))
                store.ApplyChanges(removals.Select(t => t.InGraph(null)), additions.Select(t => t.InGraph(null)));
            current = current.Except(removals).Concat(additions).Distinct().ToList();
            using (var store = RdfStore.Open(path))
            {
                Assert.Equal(store.ReasoningStatus.PendingChanges > 0, store.ReasoningStatus.IsStale);
                var result = store.Materialize();
                if (result.Incremental) incremental++;
                Assert.False(store.ReasoningStatus.IsStale);
                Assert.Equal(0, store.ReasoningStatus.PendingChanges);
                var naive = new NaiveReasoner(ReasoningProfile.Owl2Rl);
                var expected = naive.Derived(current);
                Assert.Equal(Owl2RlRuleTests.Sorted(expected), Owl2RlRuleTests.Sorted(Derived(store)));
                Assert.Equal(expected.Count, result.TotalDerived);
                Assert.Equal(naive.InconsistentRules.Order(), result.Inconsistencies.Select(i => i.Rule).Distinct().Order());
            }
        }
        // The additions-only steps must go the incremental way.
        Assert.True(incremental >= 2, $"only {incremental} runs after a reopen were incremental");
    }

    [Fact]
    public void AReopenedStoreResumesIncrementallyWithAdditionsAndDeletions()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        using (var store = RdfStore.Open(path))
        {
            store.AddRange(ReasoningTestData.Parse(Ontology).Select(t => t.InGraph(null)));
            store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs });
        }
        using (var store = RdfStore.Open(path))
        {
            store.Remove(Q(":x :p :y"));
            store.Add(Q(":w a :A"));
            store.Add(Q(":w2 a :B"));
            store.Remove(Q(":w2 a :B")); // back as it was: logged, but not a change
        }
        using (var store = RdfStore.Open(path))
        {
            var status = store.ReasoningStatus;
            Assert.True(status.IsStale);
            Assert.False(status.FullRunRequired);
            Assert.Equal(3, status.PendingChanges);
            Assert.NotNull(status.StaleSince);
            var result = store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs });
            Assert.True(result.Incremental);
            var derived = Derived(store);
            Assert.DoesNotContain(ReasoningTestData.T(":x a :C"), derived);
            Assert.Contains(ReasoningTestData.T(":w a :C"), derived);
            Assert.DoesNotContain(ReasoningTestData.T(":w2 a :C"), derived);
            Assert.True(result.Derived > 0 && result.Removed > 0);
            Assert.Null(store.ReasoningStatus.StaleSince);
            var full = store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs, Full = true });
            Assert.Equal(derived, Derived(store));
            Assert.Equal(result.TotalDerived, full.TotalDerived);
        }
    }

    [Fact]
    public void EqualityAndLiteralPremisesSurviveAReopen()
    {
        // :q is symmetric over literals, so "v" :q :a is a premise the store cannot hold as a triple; it and
        // the sameAs classes must be reloaded for the incremental run to match a full one.
        const string data = ":q a owl:SymmetricProperty . :q rdfs:range :R . :a :q \"v\" . :a owl:sameAs :b . :b a :K . :K rdfs:subClassOf :L .";
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        using (var store = RdfStore.Open(path))
        {
            store.AddRange(ReasoningTestData.Parse(data).Select(t => t.InGraph(null)));
            store.Materialize();
        }
        HashSet<Triple> incremental;
        using (var store = RdfStore.Open(path))
        {
            store.Add(Q(":c owl:sameAs :a"));
            store.Add(Q(":L rdfs:subClassOf :M"));
        }
        using (var store = RdfStore.Open(path))
        {
            var result = store.Materialize();
            Assert.True(result.Incremental);
            incremental = Derived(store);
            Assert.Contains(ReasoningTestData.T(":c a :M"), incremental);
            Assert.Contains(ReasoningTestData.T(":c a :R"), incremental);
            store.Materialize(new MaterializeOptions { Full = true });
            Assert.Equal(Owl2RlRuleTests.Sorted(Derived(store)), Owl2RlRuleTests.Sorted(incremental));
        }
    }

    public static IEnumerable<object[]> WriteKinds =>
        new[] { "Add", "AddRange", "Remove", "RemoveRange", "ApplyChanges", "Update", "Transaction", "Clear", "ImportQuads", "ImportFile" }
            .Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(WriteKinds))]
    public void EveryKindOfWriteMarksTheMaterializationStaleDurably(string kind)
    {
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        using (var store = RdfStore.Open(path))
        {
            store.AddRange(ReasoningTestData.Parse(Ontology).Select(t => t.InGraph(null)));
            store.Materialize();
            Assert.False(store.ReasoningStatus.IsStale);
            switch (kind)
            {
                case "Add": store.Add(Q(":n a :A")); break;
                case "AddRange": store.AddRange([Q(":n a :A"), Q(":m a :B")]); break;
                case "Remove": store.Remove(Q(":z a :A")); break;
                case "RemoveRange": store.RemoveRange([Q(":z a :A"), Q(":x :p :y")]); break;
                case "ApplyChanges": store.ApplyChanges([Q(":z a :A")], [Q(":n a :A")]); break;
                case "Update": store.Update("INSERT DATA { <http://example.org/n> a <http://example.org/A> }"); break;
                case "Transaction":
                    using (var tx = store.BeginTransaction())
                    {
                        tx.Add(Q(":n a :A"));
                        tx.Commit();
                    }
                    break;
                case "Clear": store.Clear(GraphSelector.Default); break;
                case "ImportQuads": store.ImportQuads([Q(":n a :A")]); break;
                case "ImportFile":
                    string file = folder.Combine("more.nt");
                    File.WriteAllText(file, "<http://example.org/n> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/A> .\n");
                    store.Import([file]);
                    break;
            }
            Assert.True(store.ReasoningStatus.IsStale);
        }
        using (var store = RdfStore.Open(path))
        {
            var status = store.ReasoningStatus;
            Assert.True(status.IsStale);
            // Imports too: their new triples are logged before the ingest, so the next run is incremental.
            Assert.False(status.FullRunRequired);
            Assert.True(status.PendingChanges > 0);
            var result = store.Materialize();
            Assert.True(result.Incremental);
            var incremental = Derived(store);
            store.Materialize(new MaterializeOptions { Full = true });
            Assert.Equal(Owl2RlRuleTests.Sorted(Derived(store)), Owl2RlRuleTests.Sorted(incremental));
        }
    }

    /// <summary>
    /// Random sequences of updates and imports (each import partly new, partly triples already there), run in
    /// one process or across reopens: every run equals the naive reasoner, and a run after imports only is
    /// incremental.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void ImportsInterleavedWithUpdatesEqualTheNaiveReasoner(int seed)
    {
        var generator = new RandomOntology(seed + 7000);
        var random = new Random(seed);
        var current = generator.Schema(10).Concat(generator.Data(30)).Distinct().ToList();
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        var store = RdfStore.Open(path);
        try
        {
            store.ImportQuads(current.Select(t => t.InGraph(null)));
            store.Materialize();
            for (int step = 0; step < 6; step++)
            {
                bool onlyImports = true;
                int writes = 1 + random.Next(3);
                for (int w = 0; w < writes; w++)
                {
                    var (removals, additions) = generator.Update(current, 6);
                    if (random.Next(3) == 0)
                    {
                        store.ApplyChanges(removals.Select(t => t.InGraph(null)), additions.Select(t => t.InGraph(null)));
                        current = current.Except(removals).Concat(additions).Distinct().ToList();
                        onlyImports = false;
                    }
                    else
                    {
                        // Some of what is imported is there already; a schema axiom now and then.
                        var imported = additions.Concat(current.Take(random.Next(4))).ToList();
                        if (random.Next(2) == 0) imported.AddRange(generator.Schema(1));
                        if (random.Next(4) == 0) store.ImportQuads(imported.Select(t => t.InGraph(new Iri("http://example.org/named"))));
                        store.ImportQuads(imported.Select(t => t.InGraph(null)));
                        current = current.Concat(imported).Distinct().ToList();
                    }
                    if (random.Next(3) == 0)
                    {
                        store.Dispose();
                        store = RdfStore.Open(path);
                    }
                }
                Assert.False(store.ReasoningStatus.FullRunRequired);
                var result = store.Materialize();
                if (onlyImports) Assert.True(result.Incremental, $"step {step}: a run after imports only was full");
                var naive = new NaiveReasoner(ReasoningProfile.Owl2Rl);
                var expected = naive.Derived(current);
                Assert.Equal(Owl2RlRuleTests.Sorted(expected), Owl2RlRuleTests.Sorted(Derived(store)));
                Assert.Equal(expected.Count, result.TotalDerived);
                Assert.Equal(naive.InconsistentRules.Order(), result.Inconsistencies.Select(i => i.Rule).Distinct().Order());
            }
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void AnImportTooLargeForTheRuleMakesTheNextRunFull()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        using (var store = RdfStore.Open(path))
        {
            store.AddRange(ReasoningTestData.Parse(Ontology).Select(t => t.InGraph(null)));
            store.Materialize();
            // More than a quarter of the asserted triples and more than the floor.
            store.ImportQuads(Enumerable.Range(0, 10_001).Select(i => Q($":big{i} a :A")));
            Assert.True(store.ReasoningStatus.FullRunRequired);
            Assert.Equal(0, store.ReasoningStatus.PendingChanges);
        }
        using (var store = RdfStore.Open(path))
        {
            Assert.True(store.ReasoningStatus.FullRunRequired);
            var result = store.Materialize();
            Assert.False(result.Incremental);
            Assert.Contains(ReasoningTestData.T(":big10000 a :C"), Derived(store));
            // Below the floor, on the larger store: incremental.
            store.ImportQuads(Enumerable.Range(0, 3_000).Select(i => Q($":more{i} a :B")));
            Assert.False(store.ReasoningStatus.FullRunRequired);
            Assert.Equal(3_000, store.ReasoningStatus.PendingChanges);
            Assert.True(store.Materialize().Incremental);
            Assert.Contains(ReasoningTestData.T(":more2999 a :C"), Derived(store));
        }
    }

    [Fact]
    public void AnImportCanceledAfterItsLogWasWrittenChangesNothing()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        HashSet<Triple> before;
        using (var store = RdfStore.Open(path))
        {
            store.AddRange(ReasoningTestData.Parse(Ontology).Select(t => t.InGraph(null)));
            store.Materialize();
            before = Derived(store);
            using var cancel = new CancellationTokenSource();
            var progress = new ImportProgressSink(p => { if (p.Phase == TripleStore.ImportPhase.Committing) cancel.Cancel(); });
            Assert.ThrowsAny<Exception>(() => store.ImportQuads([Q(":n a :A")], null, progress, cancel.Token));
            Assert.False(store.Contains(Q(":n a :A")));
        }
        using (var store = RdfStore.Open(path))
        {
            Assert.False(store.ReasoningStatus.FullRunRequired);
            var result = store.Materialize();
            Assert.True(result.Incremental);
            Assert.Equal(0, result.Derived);
            Assert.Equal(before, Derived(store));
        }
    }

    [Fact]
    public void WritesThatChangeNothingOrOnlyNamedGraphsLeaveItUpToDate()
    {
        using var data = new ReasoningTestData();
        data.Add(ReasoningTestData.Parse(Ontology));
        data.Materialize();
        Assert.False(data.Store.Add(Q(":z a :A")));
        Assert.False(data.Store.Remove(Q(":nothing a :A")));
        data.Store.Add(ReasoningTestData.T(":n a :A").InGraph(new Iri("http://example.org/g")));
        Assert.False(data.Store.ReasoningStatus.IsStale);
        Assert.Equal(0, data.Store.ReasoningStatus.PendingChanges);
    }

    [Fact]
    public void ACanceledRunKeepsThePreviousMaterializationAndItsLog()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        HashSet<Triple> before;
        using (var store = RdfStore.Open(path))
        {
            store.AddRange(ReasoningTestData.Parse(Ontology).Select(t => t.InGraph(null)));
            store.Materialize();
            before = Derived(store);
            store.Add(Q(":n a :A"));
            using var cancel = new CancellationTokenSource();
            var progress = new SyncProgress(p => { if (p.Phase == "write") cancel.Cancel(); });
            var error = Assert.Throws<TripleStoreException>(() => store.Materialize(new MaterializeOptions(), progress, cancel.Token));
            Assert.Equal(ErrorCodes.Canceled, error.ErrorCode);
            Assert.Contains("unchanged", error.Message);
            Assert.Equal(before, Derived(store));
            Assert.True(store.ReasoningStatus.IsStale);
            Assert.False(store.ReasoningStatus.FullRunRequired);
        }
        using (var store = RdfStore.Open(path))
        {
            Assert.Equal(1, store.ReasoningStatus.PendingChanges);
            Assert.True(store.Materialize().Incremental);
            Assert.Contains(ReasoningTestData.T(":n a :C"), Derived(store));
        }
    }

    [Fact]
    public void HealthReportsTheRealStaleness()
    {
        using var data = new ReasoningTestData();
        data.Add(ReasoningTestData.Parse(Ontology));
        Assert.Null(TripleStore.Operations.StoreHealth.MaterializationStaleness(data.Store));
        data.Materialize();
        Assert.Equal(TimeSpan.Zero, TripleStore.Operations.StoreHealth.MaterializationStaleness(data.Store));
        data.Store.Add(Q(":n a :A"));
        Assert.True(TripleStore.Operations.StoreHealth.MaterializationStaleness(data.Store) >= TimeSpan.Zero);
        var thresholds = new TripleStore.Operations.HealthThresholds { MaxReasoningStaleness = TimeSpan.Zero, MinFreeDiskBytes = 1, CriticalFreeDiskBytes = 0 };
        Thread.Sleep(20);
        var check = TripleStore.Operations.StoreHealth.Check(data.Store, thresholds).Checks.Single(c => c.Name == "ReasoningStaleness");
        Assert.Equal(TripleStore.Operations.HealthStatus.Degraded, check.Status);
        data.Materialize();
        check = TripleStore.Operations.StoreHealth.Check(data.Store, thresholds).Checks.Single(c => c.Name == "ReasoningStaleness");
        Assert.Equal(TripleStore.Operations.HealthStatus.Healthy, check.Status);
    }

    [Fact]
    public void KillingTheProcessDuringMaterializationLeavesAConsistentStore()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        var random = new Random(7);
        for (int round = 0; round < 3; round++)
        {
            using (var child = ChildProcess.Start("materialize-loop", path))
            {
                child.WaitFor("materializing", TimeSpan.FromSeconds(120));
                Thread.Sleep(random.Next(0, 400));
                child.Kill();
            }
            using var store = RdfStore.Open(path);
            var status = store.ReasoningStatus;
            Assert.True(status.IsMaterialized);
            var seen = Derived(store);
            if (!status.IsStale)
            {
                // Up to date must mean exactly the closure of what is asserted.
                store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs, Full = true });
                Assert.Equal(Derived(store).Count, seen.Count);
                Assert.True(Derived(store).SetEquals(seen));
            }
            else
            {
                store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs });
                var resumed = Derived(store);
                store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs, Full = true });
                Assert.True(Derived(store).SetEquals(resumed));
            }
        }
    }

    /// <summary>The child side of the kill test: a class chain and many instances, added to and materialized in a loop.</summary>
    internal static int MaterializeLoop(string path)
    {
        using var store = RdfStore.Open(path);
        var type = RdfVocabulary.Type;
        var subClassOf = new Iri("http://www.w3.org/2000/01/rdf-schema#subClassOf");
        Iri Class(int i) => new($"http://example.org/C{i}");
        if (store.Count() == 0)
            store.AddRange(Enumerable.Range(0, 30).Select(i => new Quad(Class(i), subClassOf, Class(i + 1)))
                .Concat(Enumerable.Range(0, 3000).Select(i => new Quad(new Iri($"http://example.org/i{i}"), type, Class(i % 5)))));
        for (int round = 0; ; round++)
        {
            store.Add(new Quad(new Iri($"http://example.org/n{Environment.ProcessId}-{round}"), type, Class(round % 7)));
            if (round % 3 == 2) store.Remove(new Quad(new Iri($"http://example.org/i{round}"), type, Class(round % 5)));
            store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs, Full = round % 2 == 1 });
            if (round == 1)
            {
                Console.WriteLine("materializing");
                Console.Out.Flush();
            }
        }
    }

    private sealed class ImportProgressSink(Action<TripleStore.ImportProgress> report) : IProgress<TripleStore.ImportProgress>
    {
        public void Report(TripleStore.ImportProgress value) => report(value);
    }

    private sealed class SyncProgress(Action<MaterializeProgress> report) : IProgress<MaterializeProgress>
    {
        public void Report(MaterializeProgress value) => report(value);
    }
}
