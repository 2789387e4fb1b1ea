using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Storage;
using Xunit;

namespace TripleStore.Tests.Reasoning;

/// <summary>
/// The term numbering the materializer loads through, checked against a dictionary, and the sort of facts
/// into index key order with both key widths.
/// </summary>
public class TermTableTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TermTableNumbersIdsDenselyAsADictionaryWould(bool presized)
    {
        var terms = new TermTable();
        if (presized) terms.EnsureCapacity(5_000);
        var expected = new Dictionary<TermId, int>();
        var encoder = new TermEncoder();
        var random = new Random(5);
        var pool = Enumerable.Range(0, 20_000)
            .Select(i => i % 3 == 0 ? encoder.Encode(Literal.Typed($"{i}", Xsd.Integer)) : encoder.Encode(new Iri($"http://example.org/{i}")))
            .ToArray();
        // Many repeats and many growths of the table.
        for (int step = 0; step < 60_000; step++)
        {
            var id = pool[random.Next(pool.Length)];
            if (!expected.TryGetValue(id, out int want)) expected[id] = want = expected.Count;
            Assert.Equal(want, terms.Intern(id));
        }
        Assert.Equal(expected.Count, terms.Count);
        foreach (var (id, n) in expected)
        {
            Assert.Equal(id, terms.IdOf(n));
            Assert.True(terms.TryGetNumber(id, out int found));
            Assert.Equal(n, found);
            Assert.Equal(id.IsInline || id.Tag == TermTag.Literal, terms.IsLiteral(n));
        }
        Assert.False(terms.TryGetNumber(encoder.Encode(new Iri("http://example.org/absent")), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => terms.IdOf(terms.Count));
    }

    [Fact]
    public void InternRecentGivesTheNumbersInternGives()
    {
        var terms = new TermTable();
        var expected = new Dictionary<TermId, int>();
        var encoder = new TermEncoder();
        var random = new Random(9);
        // A few hot terms (as predicates and classes are) among many one-off ones, both ways of numbering mixed.
        var hot = Enumerable.Range(0, 40).Select(i => encoder.Encode(new Iri($"http://example.org/hot{i}"))).ToArray();
        for (int step = 0; step < 50_000; step++)
        {
            var id = random.Next(3) == 0 ? hot[random.Next(hot.Length)] : encoder.Encode(Literal.Simple($"v{random.Next(20_000)}"));
            if (!expected.TryGetValue(id, out int want)) expected[id] = want = expected.Count;
            Assert.Equal(want, step % 5 == 0 ? terms.Intern(id) : terms.InternRecent(id));
        }
        Assert.Equal(expected.Count, terms.Count);
        foreach (var (id, n) in expected) Assert.Equal(id, terms.IdOf(n));
        // The empty cache entry (all zero) is no term's number.
        var zero = new TermId(0, 0);
        int z = terms.InternRecent(zero);
        Assert.Equal(expected.Count, z);
        Assert.Equal(z, terms.InternRecent(zero));
        Assert.Equal(zero, terms.IdOf(z));
    }

    [Fact]
    public void TermTablePresizedAfterFillingKeepsItsNumbers()
    {
        var terms = new TermTable();
        var encoder = new TermEncoder();
        var ids = Enumerable.Range(0, 3_000).Select(i => encoder.Encode(new Iri($"http://example.org/t{i}"))).ToArray();
        for (int i = 0; i < 1_000; i++) Assert.Equal(i, terms.Intern(ids[i]));
        terms.EnsureCapacity(100_000);
        for (int i = 1_000; i < 3_000; i++) Assert.Equal(i, terms.Intern(ids[i]));
        for (int i = 0; i < 3_000; i++)
        {
            Assert.True(terms.TryGetNumber(ids[i], out int n));
            Assert.Equal(i, n);
        }
    }

    [Fact]
    public void FactSorterGivesTheSameOrderWithNarrowAndWideKeys()
    {
        var terms = new TermTable();
        var encoder = new TermEncoder();
        var random = new Random(11);
        var numbers = Enumerable.Range(0, 300).Select(i => terms.Intern(encoder.Encode(new Iri($"http://example.org/n{random.Next(1_000_000)}-{i}")))).ToArray();
        var facts = Enumerable.Range(0, 5_000)
            .Select(_ => new Fact(numbers[random.Next(300)], numbers[random.Next(7)], numbers[random.Next(300)]))
            .ToList();
        var sorter = new FactSorter(terms);
        foreach (var index in QuadIndex.DefaultGraph)
        {
            var narrow = sorter.Sorted(facts, index, wide: false).Select(Key).ToList();
            var wide = sorter.Sorted(facts, index, wide: true).Select(Key).ToList();
            var expected = facts.Distinct()
                .Select(f => new QuadIds(terms.IdOf(f.S), terms.IdOf(f.P), terms.IdOf(f.O), TermId.DefaultGraph))
                .OrderBy(q => q[index.Order[0]]).ThenBy(q => q[index.Order[1]]).ThenBy(q => q[index.Order[2]])
                .Select(Key).ToList();
            Assert.Equal(expected, narrow);
            Assert.Equal(expected, wide);
        }

        static (TermId, TermId, TermId) Key(QuadIds q) => (q[0], q[1], q[2]);
    }
}
