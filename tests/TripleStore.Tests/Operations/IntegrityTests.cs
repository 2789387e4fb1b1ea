using Xunit;
using TripleStore.Rdf;
using TripleStore.Dataset;
using TripleStore.Operations;
using TripleStore.Storage;
using TripleStore.Tests.Storage;
using static TripleStore.Tests.Operations.OperationsTestData;

namespace TripleStore.Tests.Operations;

public class IntegrityTests
{
    [Fact]
    public void ConsistentStoreHasNoProblems()
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("store"));
        store.AddRange(Range(0, 300));
        store.RemoveRange(Range(0, 30));
        var report = IntegrityChecker.Check(store);
        Assert.True(report.IsConsistent, string.Join("; ", report.Problems));
        Assert.Equal(270, report.QuadsChecked);
    }

    [Fact]
    public void MissingSecondaryEntryIsFoundAndRepaired()
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("store"));
        store.AddRange(Range(0, 30));
        HealthTests.DeleteFromIndex(store, QuadIndex.NamedOspg, Numbered(3));
        var report = IntegrityChecker.Check(store);
        var problem = Assert.Single(report.Problems);
        Assert.Equal(IntegrityChecker.MissingIndexEntry, problem.Kind);
        Assert.Equal("NamedOspg", problem.Index);
        Assert.True(problem.Repairable);

        var repaired = IntegrityChecker.Check(store, repair: true);
        Assert.True(repaired.Repaired);
        Assert.True(repaired.IsConsistent);
        Assert.Contains(Numbered(3).ToString(), AllQuadsThrough(store, Numbered(3)));
    }

    [Fact]
    public void EntryMissingFromTheCanonicalIndexShowsAsExtraInTheOthersAndAsACounterMismatch()
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("store"));
        store.AddRange(Range(0, 30));
        HealthTests.DeleteFromIndex(store, QuadIndex.DefaultSpo, Numbered(1));
        var report = IntegrityChecker.Check(store);
        Assert.Equal(2, report.Problems.Count(p => p.Kind == IntegrityChecker.ExtraIndexEntry));
        Assert.Single(report.Problems, p => p.Kind == IntegrityChecker.CounterMismatch && !p.Repairable);
        var repaired = IntegrityChecker.Check(store, repair: true);
        Assert.DoesNotContain(repaired.Problems, p => p.Kind == IntegrityChecker.ExtraIndexEntry);
    }

    [Fact]
    public void MissingDictionaryEntryIsReportedAsNotRepairable()
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("store"));
        store.AddRange(Range(0, 10));
        using (var snapshot = store.OpenSnapshot())
            store.Database.Db.Remove(QuadWriter.DictionaryKey(snapshot.Encode(Numbered(4).Object)), store.Database.Data);
        var problem = Assert.Single(IntegrityChecker.Check(store).Problems);
        Assert.Equal(IntegrityChecker.MissingDictionaryEntry, problem.Kind);
        Assert.False(problem.Repairable);
    }

    private static IEnumerable<string> AllQuadsThrough(RdfStore store, Quad quad)
    {
        using var snapshot = store.OpenSnapshot();
        // Object-bound pattern in a named graph: answered from OSPG, the index that was repaired.
        return snapshot.Match(null, null, quad.Object, GraphSelector.AllNamed).Select(q => q.ToString()).ToList();
    }
}
