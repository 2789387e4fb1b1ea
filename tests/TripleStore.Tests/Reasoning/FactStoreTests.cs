using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Storage;
using Xunit;

namespace TripleStore.Tests.Reasoning;

/// <summary>
/// The reasoner's flat structures checked against the .NET collections they replace: the fact table
/// (membership, the (p,s), (p,o) and p lists, dead rows, row ranges), the long-to-int map, and the sort
/// of facts into index key order.
/// </summary>
public class FactStoreTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FactStoreAgreesWithAHashSetUnderRandomAddsAndRemoves(int seed)
    {
        var random = new Random(seed);
        var store = new FactStore();
        var expected = new HashSet<Fact>();
        // Few distinct values, so that facts collide in every index and the table grows several times.
        for (int step = 0; step < 30_000; step++)
        {
            var fact = new Fact(random.Next(60), random.Next(5), random.Next(60));
            if (random.Next(3) == 0) Assert.Equal(expected.Remove(fact), store.Remove(fact));
            else Assert.Equal(expected.Add(fact), store.Add(fact));
        }
        Assert.Equal(expected.Count, store.Count);
        Assert.Equal(expected.OrderBy(f => (f.S, f.P, f.O)), store.All().OrderBy(f => (f.S, f.P, f.O)));
        for (int s = 0; s < 60; s++)
            for (int p = 0; p < 5; p++)
                for (int o = 0; o < 60; o++)
                    Assert.Equal(expected.Contains(new Fact(s, p, o)), store.Contains(new Fact(s, p, o)));
        for (int p = 0; p < 6; p++)
        {
            Assert.Equal(expected.Count(f => f.P == p), store.PredicateCount(p));
            Assert.Equal(expected.Where(f => f.P == p).Select(f => (f.S, f.O)).Order(), store.Pairs(p).Order());
            for (int v = 0; v < 60; v++)
            {
                Assert.Equal(expected.Where(f => f.P == p && f.S == v).Select(f => f.O).Order(), store.Objects(p, v).Order());
                Assert.Equal(expected.Where(f => f.P == p && f.O == v).Select(f => f.S).Order(), store.Subjects(p, v).Order());
                Assert.Equal(expected.Any(f => f.P == p && f.O == v), store.HasSubject(p, v));
            }
        }
    }

    [Fact]
    public void RowsAreAppendedInOrderAndRemovedRowsStayDead()
    {
        var store = new FactStore();
        Assert.True(store.Add(new Fact(1, 2, 3)));
        int mark = store.RowCount;
        Assert.True(store.Add(new Fact(4, 2, 3)));
        Assert.True(store.Add(new Fact(5, 2, 6)));
        Assert.False(store.Add(new Fact(4, 2, 3)));
        Assert.Equal([new Fact(4, 2, 3), new Fact(5, 2, 6)], store.LiveRows(mark, store.RowCount).Select(store.At));

        Assert.True(store.Remove(new Fact(4, 2, 3)));
        Assert.False(store.IsLive(mark));
        Assert.Equal([new Fact(5, 2, 6)], store.LiveRows(mark, store.RowCount).Select(store.At));
        Assert.Equal([1], store.Subjects(2, 3));

        // Added again, the fact gets a new row: the delta since the mark holds it once.
        Assert.True(store.Add(new Fact(4, 2, 3)));
        Assert.Equal(store.RowCount - 1, store.Find(new Fact(4, 2, 3)));
        Assert.Equal([new Fact(5, 2, 6), new Fact(4, 2, 3)], store.LiveRows(mark, store.RowCount).Select(store.At));
        Assert.Equal([1, 4], store.Subjects(2, 3).Order());
        Assert.Equal(3, store.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AddBatchMatchesOneByOneAddsAndKeepsTheFirstOfEachRepeat(bool parallel)
    {
        var random = new Random(7);
        var batched = new FactStore();
        var single = new FactStore();
        // Batches large enough for the parallel path, with many repeats inside a batch and against the store.
        for (int batch = 0; batch < 4; batch++)
        {
            var facts = Enumerable.Range(0, 40_000).Select(_ => new Fact(random.Next(300), random.Next(4), random.Next(300))).ToArray();
            int mark = batched.RowCount;
            int added = batched.AddBatch(facts, parallel);
            var expectedNew = facts.Where(f => single.Add(f)).ToList();
            Assert.Equal(expectedNew.Count, added);
            Assert.Equal(single.Count, batched.Count);
            // The new live rows are the first copies, in batch order: the next semi-naive delta.
            Assert.Equal(expectedNew, batched.LiveRows(mark, batched.RowCount).Select(batched.At));
        }
        foreach (var fact in single.All()) Assert.True(batched.Contains(fact));
        for (int p = 0; p < 4; p++)
        {
            Assert.Equal(single.PredicateCount(p), batched.PredicateCount(p));
            Assert.Equal(single.Pairs(p).Order(), batched.Pairs(p).Order());
            for (int v = 0; v < 300; v += 7)
            {
                Assert.Equal(single.Objects(p, v).Order(), batched.Objects(p, v).Order());
                Assert.Equal(single.Subjects(p, v).Order(), batched.Subjects(p, v).Order());
            }
        }
        // Removal still finds and unthreads rows added by a batch.
        var gone = single.All().Take(500).ToList();
        foreach (var fact in gone) Assert.True(batched.Remove(fact));
        foreach (var fact in gone) Assert.False(batched.Contains(fact));
        Assert.Equal(single.Count - gone.Count, batched.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MembershipStaysExactWhenATermNumberOutgrowsThePackedKeys(bool batch)
    {
        var random = new Random(11);
        var store = new FactStore();
        var expected = new HashSet<Fact>();
        // Values at the edge of the 21-bit packing, so a fact that only differs beyond it would collide.
        int Value() => random.Next(2) == 0 ? random.Next(40) : (1 << 21) - 1 - random.Next(40);
        var facts = Enumerable.Range(0, 20_000).Select(_ => new Fact(Value(), random.Next(3), Value())).ToArray();
        if (batch) store.AddBatch(facts, parallel: true);
        else foreach (var fact in facts) store.Add(fact);
        expected.UnionWith(facts);
        Assert.True(store.UsesPackedKeys);
        foreach (var fact in expected.Take(3_000).ToList())
        {
            Assert.True(store.Remove(fact));
            expected.Remove(fact);
        }
        AssertSameMembership();
        // One number past the width: keys are dropped, membership goes through the rows and stays exact.
        var wide = new Fact(1 << 21, 1, 5);
        var more = facts.Take(5_000).Select(f => new Fact(f.S, f.P, f.O + (1 << 21))).Append(wide).ToArray();
        if (batch) store.AddBatch(more, parallel: true);
        else foreach (var fact in more) store.Add(fact);
        expected.UnionWith(more);
        Assert.False(store.UsesPackedKeys);
        AssertSameMembership();
        Assert.Equal(expected.Count, store.Count);

        void AssertSameMembership()
        {
            foreach (var fact in facts.Concat(facts.Select(f => new Fact(f.O, f.P, f.S))))
            {
                Assert.Equal(expected.Contains(fact), store.Contains(fact));
                Assert.Equal(expected.Contains(fact), store.Find(fact) >= 0);
            }
            Assert.False(store.Contains(new Fact(int.MaxValue, 0, 0)));
        }
    }

    [Fact]
    public void RecentFactsRemembersWhatItWasShownUntilEvictedOrCleared()
    {
        var recent = new RecentFacts();
        var facts = Enumerable.Range(0, 100).Select(i => new Fact(i, 7, i * 3)).ToList();
        Assert.All(facts, f => Assert.False(recent.SeenOrAdd(f)));
        // A repeat right after its first sight is caught unless a later fact took its slot.
        int caught = facts.Count(f => recent.SeenOrAdd(f));
        Assert.InRange(caught, 90, 100);
        Assert.False(recent.SeenOrAdd(new Fact(1000, 7, 1)));
        Assert.True(recent.SeenOrAdd(new Fact(1000, 7, 1)));
        recent.Clear();
        Assert.False(recent.SeenOrAdd(new Fact(1000, 7, 1)));
        // The empty marker is not a fact anyone can be told about twice by accident.
        Assert.False(recent.SeenOrAdd(new Fact(0, 0, 0)));
    }

    [Fact]
    public void LongIntMapAgreesWithADictionary()
    {
        var random = new Random(7);
        var map = new LongIntMap(4);
        var expected = new Dictionary<long, int>();
        for (int i = 0; i < 50_000; i++)
        {
            long key = ((long)random.Next(40) << 32) | (uint)random.Next(2_000);
            int value = random.Next();
            int previous = map.Set(key, value, -1);
            Assert.Equal(expected.TryGetValue(key, out int old) ? old : -1, previous);
            expected[key] = value;
        }
        Assert.Equal(expected.Count, map.Count);
        foreach (var (key, value) in expected) Assert.Equal(value, map.GetValueOrDefault(key, -1));
        Assert.False(map.TryGetValue(1L << 40, out _));
    }

    [Fact]
    public void LongIntMapKeepsItsKeysWhenPresizedAfterFilling()
    {
        var map = new LongIntMap(4);
        for (int i = 0; i < 1_000; i++) map.Set((long)i << 20, i, -1);
        map.EnsureCapacity(100_000); // many doublings in one step
        for (int i = 1_000; i < 3_000; i++) map.Set((long)i << 20, i, -1);
        Assert.Equal(3_000, map.Count);
        for (int i = 0; i < 3_000; i++) Assert.Equal(i, map.GetValueOrDefault((long)i << 20, -1));
        Assert.False(map.TryGetValue(3_000L << 20, out _));
    }

    [Fact]
    public void FactStorePresizedAfterFillingStillFindsItsFacts()
    {
        var store = new FactStore();
        var facts = Enumerable.Range(0, 2_000).Select(i => new Fact(i, i % 7, i * 3)).ToArray();
        foreach (var fact in facts.Take(1_000)) Assert.True(store.Add(fact));
        store.EnsureCapacity(200_000);
        foreach (var fact in facts.Skip(1_000)) Assert.True(store.Add(fact));
        Assert.Equal(2_000, store.Count);
        Assert.All(facts, f => Assert.True(store.Contains(f)));
        Assert.False(store.Add(facts[5]));
        Assert.False(store.Contains(new Fact(1, 1, 4)));
    }

    [Fact]
    public void FactSorterYieldsEachIndexInKeyOrder()
    {
        var terms = new TermTable();
        var encoder = new TermEncoder();
        var random = new Random(3);
        var numbers = Enumerable.Range(0, 50).Select(i => terms.Intern(encoder.Encode(new Iri($"http://example.org/t{random.Next(1_000_000)}-{i}")))).ToArray();
        var facts = Enumerable.Range(0, 400)
            .Select(_ => new Fact(numbers[random.Next(50)], numbers[random.Next(5)], numbers[random.Next(50)]))
            .ToList();
        var sorter = new FactSorter(terms);
        foreach (var index in QuadIndex.DefaultGraph)
        {
            var sorted = sorter.Sorted(facts, index).ToList();
            var expected = facts.Distinct()
                .Select(f => new QuadIds(terms.IdOf(f.S), terms.IdOf(f.P), terms.IdOf(f.O), TermId.DefaultGraph))
                .OrderBy(q => q[index.Order[0]]).ThenBy(q => q[index.Order[1]]).ThenBy(q => q[index.Order[2]])
                .ToList();
            Assert.Equal(expected.Select(Key), sorted.Select(Key));
        }

        static (TermId, TermId, TermId) Key(QuadIds q) => (q[0], q[1], q[2]);
    }
}
