using RocksDbSharp;
using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Storage;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Reasoning;

/// <summary>
/// A full materialization writes its derived triples into a new generation of the derived family and makes
/// it current when it commits: a run that fails before that leaves the previous materialization whole, a
/// generation left behind by a crash is dropped at the next open, and a snapshot keeps reading the
/// generation it started on.
/// </summary>
public class DerivedGenerationTests
{
    private const string Ontology = ":A rdfs:subClassOf :B . :B rdfs:subClassOf :C . :p rdfs:domain :A . :q rdfs:range :B . :x :p :y . :z a :A . :u :q :v .";

    private static string[] Families(string path)
    {
        Assert.True(RocksDb.TryListColumnFamilies(new DbOptions(), path, out var names));
        return names.Where(DerivedFactStore.IsFamilyName).ToArray();
    }

    /// <summary>The derived triples as the three index sections of the current generation hold them, each read back in s, p, o order.</summary>
    private static List<HashSet<(TermId, TermId, TermId)>> Sections(RdfStore store) =>
        QuadIndex.DefaultGraph.Select(index => DerivedFactStore.Scan(store.Database, null, index, [(byte)index.Section])
            .Select(q => (q[0], q[1], q[2])).ToHashSet()).ToList();

    [Fact]
    public void AFullRunThatFailsBeforeItsCommitLeavesThePreviousMaterialization()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        HashSet<Triple> before;
        using (var store = RdfStore.Open(path))
        {
            store.AddRange(ReasoningTestData.Parse(Ontology).Select(t => t.InGraph(null)));
            var first = store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs, Full = true });
            before = Derived(store);
            Assert.Equal(first.TotalDerived, before.Count);
            var sections = Sections(store);
            Assert.All(sections, s => Assert.Equal(sections[0], s)); // the three indexes hold the same triples

            store.Add(ReasoningTestData.T(":w a :A").InGraph(null));
            var status = store.ReasoningStatus;
            Assert.True(status.IsStale);
            string? written = null;
            StoreMaterializer.GenerationWritten = name =>
            {
                written = name;
                throw new IOException("simulated failure after the derived files were ingested");
            };
            try
            {
                Assert.Throws<IOException>(() => store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs, Full = true }));
            }
            finally
            {
                StoreMaterializer.GenerationWritten = null;
            }
            Assert.NotNull(written);
            // The new generation held the new triple's consequences, but it was never made current.
            Assert.Equal(before, Derived(store));
            Assert.DoesNotContain(ReasoningTestData.T(":w a :C"), Derived(store));
            Assert.Equal(status.DerivedCount, store.ReasoningStatus.DerivedCount);
            Assert.True(store.ReasoningStatus.IsStale);
            Assert.False(store.ReasoningStatus.FullRunRequired);
            Assert.Equal(1, store.ReasoningStatus.PendingChanges);
        }
        Assert.Single(Families(path));
        using (var store = RdfStore.Open(path))
        {
            Assert.Equal(before, Derived(store));
            // The change log survived the failed run, so the next run can still be incremental.
            var result = store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs });
            Assert.True(result.Incremental);
            Assert.Contains(ReasoningTestData.T(":w a :C"), Derived(store));
        }
    }

    [Fact]
    public void AGenerationLeftByACrashIsDroppedAtOpen()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        HashSet<Triple> before;
        using (var store = RdfStore.Open(path))
        {
            store.AddRange(ReasoningTestData.Parse(Ontology).Select(t => t.InGraph(null)));
            store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs, Full = true });
            before = Derived(store);
            // What a process killed between writing a generation and committing it leaves: a family nobody names.
            var orphan = store.Database.Db.CreateColumnFamily(store.Database.DerivedOptions, DerivedFactStore.Family + "-orphan");
            var key = new byte[QuadIndex.DefaultSpo.KeyLength];
            key[0] = (byte)QuadIndex.DefaultSpo.Section;
            store.Database.Db.Put(key, Array.Empty<byte>(), orphan);
        }
        Assert.Equal(2, Families(path).Length);
        using (var store = RdfStore.Open(path))
        {
            Assert.Equal(before, Derived(store));
            Assert.Equal(before.Count, store.ReasoningStatus.DerivedCount);
        }
        Assert.Single(Families(path));
    }

    [Fact]
    public void AFullRunReplacesTheGenerationAndASnapshotKeepsTheOneItStartedOn()
    {
        using var data = new ReasoningTestData();
        data.Add(ReasoningTestData.Parse(Ontology));
        data.Materialize(ReasoningProfile.Rdfs, full: true);
        var first = data.Derived();
        string firstGeneration = data.Store.Database.DerivedFamilyName;
        using (var old = data.Store.OpenSnapshot())
        {
            data.Add([ReasoningTestData.T(":w a :A")]);
            data.Materialize(ReasoningProfile.Rdfs, full: true);
            Assert.NotEqual(firstGeneration, data.Store.Database.DerivedFamilyName);
            Assert.Contains(ReasoningTestData.T(":w a :C"), data.Derived());
            // The snapshot still reads the dropped generation it started on.
            var c = new Iri("http://example.org/C");
            var seen = old.Match(null, RdfVocabulary.Type, c, TripleStore.Dataset.GraphSelector.Default).Select(q => q.Subject).ToHashSet();
            Assert.Equal(first.Where(t => t.Predicate == RdfVocabulary.Type && t.Object == c).Select(t => t.Subject).ToHashSet(), seen);
            Assert.DoesNotContain(new Iri("http://example.org/w"), seen);
        }
        // Another full run with nothing changed gives the same triples again, from a third generation.
        var second = data.Derived();
        data.Materialize(ReasoningProfile.Rdfs, full: true);
        Assert.Equal(second, data.Derived());
        var sections = Sections(data.Store);
        Assert.Equal(second.Count, sections[0].Count);
        Assert.All(sections, s => Assert.Equal(sections[0], s));
        // Dropping the materialization still removes exactly the derived triples.
        data.Store.DropMaterialization();
        Assert.Empty(data.Derived());
    }

    [Fact]
    public void TheReplacedGenerationIsDroppedInTheBackgroundAfterTheCommit()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        using var store = RdfStore.Open(path);
        store.AddRange(ReasoningTestData.Parse(Ontology).Select(t => t.InGraph(null)));
        store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs, Full = true });
        string first = store.Database.DerivedFamilyName;
        using var release = new ManualResetEventSlim();
        string? retiring = null;
        store.Database.RetiringDerived = name =>
        {
            retiring = name;
            release.Wait(TimeSpan.FromSeconds(30));
        };
        store.Add(ReasoningTestData.T(":w a :A").InGraph(null));
        // The run returns while the drop of the generation it replaced still waits.
        store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs, Full = true });
        string second = store.Database.DerivedFamilyName;
        Assert.NotEqual(first, second);
        Assert.NotNull(store.Database.TryGetFamily(first));
        Assert.Contains(ReasoningTestData.T(":w a :C"), Derived(store));
        // Readers look the (new) current generation up while the old one is being dropped.
        var reads = Task.Run(() =>
        {
            for (int i = 0; i < 50; i++) Assert.Contains(ReasoningTestData.T(":w a :C"), Derived(store));
        });
        release.Set();
        reads.Wait();
        store.Database.WaitForRetiredDerived();
        Assert.Equal(first, retiring);
        Assert.Null(store.Database.TryGetFamily(first));
        Assert.NotNull(store.Database.TryGetFamily(second));
        Assert.Contains(ReasoningTestData.T(":w a :C"), Derived(store));
    }

    [Fact]
    public void AStoreReopenedBetweenTheCommitAndTheDropDropsTheReplacedGeneration()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("store"), copy = folder.Combine("copy");
        HashSet<Triple> after;
        string second;
        // Outlives the store: its drop thread may reach the wait only after release.Set(), while closing.
        using var release = new ManualResetEventSlim();
        using (var store = RdfStore.Open(path))
        {
            store.AddRange(ReasoningTestData.Parse(Ontology).Select(t => t.InGraph(null)));
            store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs, Full = true });
            store.Database.RetiringDerived = _ => release.Wait(TimeSpan.FromSeconds(30));
            store.Add(ReasoningTestData.T(":w a :A").InGraph(null));
            store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs, Full = true });
            second = store.Database.DerivedFamilyName;
            after = Derived(store);
            // What a crash after the commit and before the drop leaves: the committed marker and both generations.
            using (var checkpoint = store.Database.Db.Checkpoint()) checkpoint.Save(copy);
            release.Set();
        }
        Assert.Single(Families(path));
        Assert.Equal(2, Families(copy).Length);
        using (var store = RdfStore.Open(copy))
        {
            Assert.Equal(second, store.Database.DerivedFamilyName);
            Assert.Equal(after, Derived(store));
            Assert.Equal(after.Count, store.ReasoningStatus.DerivedCount);
            Assert.False(store.ReasoningStatus.IsStale);
        }
        Assert.Equal([second], Families(copy));
    }

    [Fact]
    public void ClosingTheStoreWaitsForThePendingDrop()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        var dropped = false;
        using (var store = RdfStore.Open(path))
        {
            store.AddRange(ReasoningTestData.Parse(Ontology).Select(t => t.InGraph(null)));
            store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs, Full = true });
            store.Database.RetiringDerived = _ =>
            {
                Thread.Sleep(200);
                dropped = true;
            };
            store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs, Full = true });
        }
        Assert.True(dropped);
        Assert.Single(Families(path));
    }

    [Fact]
    public void AFullRunWritesItsDerivedFilesUncompressedAndTheyReadBackWhole()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        using var store = RdfStore.Open(path);
        store.AddRange(ReasoningTestData.Parse(Ontology).Select(t => t.InGraph(null)));
        var before = Directory.GetFiles(path, "*.sst").ToHashSet();
        var result = store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs, Full = true });
        // The files the run ingested: the store's hot-level compression (LZ4 by default) is left to the
        // delayed bottommost compaction, which rewrites ingested files once anyway.
        var written = Directory.GetFiles(path, "*.sst").Where(f => !before.Contains(f)).ToList();
        Assert.NotEmpty(written);
        foreach (var file in written)
        {
            string text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(file));
            // The table properties block names the compression manager and the codes of the compression
            // types the file's blocks use ("BuiltinV2;07;" for a Zstd file); 04 is LZ4.
            Assert.DoesNotContain("BuiltinV2;04;", text);
        }
        var derived = Derived(store);
        Assert.Equal(result.TotalDerived, derived.Count);
        Assert.Contains(ReasoningTestData.T(":x a :C"), derived);
        var sections = Sections(store);
        Assert.All(sections, s => Assert.Equal(derived.Count, s.Count));
    }

    private static HashSet<Triple> All(RdfStore store, bool includeDerived)
    {
        using var snapshot = store.OpenSnapshot(includeDerived);
        return snapshot.Match(null, null, null, TripleStore.Dataset.GraphSelector.Default).Select(q => q.Triple).ToHashSet();
    }

    private static HashSet<Triple> Derived(RdfStore store)
    {
        var all = All(store, includeDerived: true);
        all.ExceptWith(All(store, includeDerived: false));
        return all;
    }
}
