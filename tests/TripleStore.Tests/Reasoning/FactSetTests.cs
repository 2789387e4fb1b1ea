using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Storage;
using Xunit;

namespace TripleStore.Tests.Reasoning;

/// <summary>
/// The packed fact set against <see cref="HashSet{T}"/>, the key writer of the derived-triple ingest against
/// encoding sorted ids one by one, and the radix sort against <see cref="Array.Sort{T}(T[])"/>.
/// </summary>
public class FactSetTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FactSetAgreesWithAHashSetUnderRandomAddsAndRemoves(int seed)
    {
        var random = new Random(seed);
        var set = new FactSet();
        var expected = new HashSet<Fact>();
        // Few distinct values: long probe clusters, removals inside them, and several rehashes.
        for (int step = 0; step < 40_000; step++)
        {
            var fact = new Fact(random.Next(40), random.Next(4), random.Next(40));
            if (random.Next(3) == 0) Assert.Equal(expected.Remove(fact), set.Remove(fact));
            else Assert.Equal(expected.Add(fact), set.Add(fact));
            Assert.Equal(expected.Count, set.Count);
        }
        Assert.True(set.IsPacked);
        Assert.Equal(expected.OrderBy(f => (f.S, f.P, f.O)), set.OrderBy(f => (f.S, f.P, f.O)));
        for (int s = 0; s < 40; s++)
            for (int p = 0; p < 4; p++)
                for (int o = 0; o < 40; o++)
                    Assert.Equal(expected.Contains(new Fact(s, p, o)), set.Contains(new Fact(s, p, o)));
    }

    [Fact]
    public void FactSetKeepsItsFactsWhenATermNumberOutgrowsThePackedWidth()
    {
        var set = new FactSet(10);
        var expected = new HashSet<Fact>();
        for (int i = 0; i < 1000; i++)
        {
            var fact = new Fact(i, i % 7, (1 << 21) - 1 - i);
            Assert.True(set.Add(fact));
            expected.Add(fact);
        }
        Assert.True(set.IsPacked);
        Assert.False(set.Contains(new Fact(1 << 21, 0, 0)));
        Assert.False(set.Remove(new Fact(0, 0, 1 << 22)));
        var wide = new Fact(5, 1 << 21, 3);
        Assert.True(set.Add(wide));
        expected.Add(wide);
        Assert.False(set.IsPacked);
        Assert.False(set.Add(new Fact(3, 3, (1 << 21) - 4)));
        Assert.True(set.Remove(new Fact(10, 3, (1 << 21) - 11)));
        expected.Remove(new Fact(10, 3, (1 << 21) - 11));
        Assert.Equal(expected.Count, set.Count);
        Assert.Equal(expected.OrderBy(f => (f.S, f.P, f.O)), set.OrderBy(f => (f.S, f.P, f.O)));
        Assert.True(set.Contains(wide));
    }

    [Fact]
    public void FactSetBuiltFromAListHoldsEachFactOnce()
    {
        var facts = new List<Fact> { new(1, 2, 3), new(3, 2, 1), new(1, 2, 3), new(0, 0, 0) };
        var set = new FactSet(facts);
        Assert.Equal(3, set.Count);
        Assert.True(set.Contains(new Fact(0, 0, 0)));
        Assert.False(set.Contains(new Fact(2, 2, 2)));
        Assert.False(set.Contains(new Fact(-1, 2, 3)));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(5_000)]
    [InlineData(70_000)]
    public void RadixSortAgreesWithArraySort(int count)
    {
        var random = new Random(count);
        // Three 21-bit parts, as the sorter packs them; a narrow middle part leaves some digits constant.
        var keys = Enumerable.Range(0, count)
            .Select(_ => ((ulong)random.Next(1 << 21) << 42) | ((ulong)random.Next(6) << 21) | (ulong)random.Next(1 << 21))
            .ToArray();
        var expected = (ulong[])keys.Clone();
        Array.Sort(expected);
        FactSorter.RadixSort(keys);
        Assert.Equal(expected, keys);

        var same = Enumerable.Repeat(12345UL, 10_000).ToArray();
        FactSorter.RadixSort(same);
        Assert.All(same, k => Assert.Equal(12345UL, k));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriteKeysGivesTheEncodedKeysOfEachIndexInOrder(bool wide)
    {
        var terms = new TermTable();
        var encoder = new TermEncoder();
        var random = new Random(wide ? 5 : 4);
        var numbers = Enumerable.Range(0, 400).Select(i => terms.Intern(encoder.Encode(
            i % 5 == 0 ? Literal.Simple($"v{random.Next(1000)}-{i}") : (Term)new Iri($"http://example.org/k{random.Next(1_000_000)}-{i}")))).ToArray();
        // Enough facts for the radix sort (not only its small-array fallback), with repeats.
        var facts = Enumerable.Range(0, 20_000)
            .Select(_ => new Fact(numbers[random.Next(400)], numbers[random.Next(9)], numbers[random.Next(400)]))
            .ToList();
        var sorter = new FactSorter(terms);
        foreach (var index in QuadIndex.DefaultGraph)
        {
            var written = new List<byte[]>();
            sorter.WriteKeys(facts, index, key => written.Add(key.ToArray()), wide);
            var expected = facts.Distinct()
                .Select(f => new QuadIds(terms.IdOf(f.S), terms.IdOf(f.P), terms.IdOf(f.O), TermId.DefaultGraph))
                .OrderBy(q => q[index.Order[0]]).ThenBy(q => q[index.Order[1]]).ThenBy(q => q[index.Order[2]])
                .Select(q =>
                {
                    var key = new byte[index.KeyLength];
                    index.WriteKey(q, key);
                    return key;
                })
                .ToList();
            Assert.Equal(expected.Count, written.Count);
            for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i], written[i]);
            // Strictly ascending as bytes, as an SST file requires.
            for (int i = 1; i < written.Count; i++)
                Assert.True(written[i - 1].AsSpan().SequenceCompareTo(written[i]) < 0);
        }
    }
}
