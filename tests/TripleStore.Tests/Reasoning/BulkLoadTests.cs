using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Storage;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Reasoning;

/// <summary>
/// The bulk paths of a full materialization against the one-by-one paths they replace: the parallel range
/// scan with merged term numbering against one sequential scan, the region-ordered fact-set fill against
/// single adds, batched list threading against single adds (link order included), the radix ranking of term
/// ids against sorting them, and the derived files cut into parts against one file per index.
/// </summary>
public class BulkLoadTests
{
    private static readonly Iri SameAs = new("http://www.w3.org/2002/07/owl#sameAs");

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 2)]
    [InlineData(16, 3)]
    public void ParallelRangeScanNumbersTermsAsOneSequentialScanDoes(int ranges, int workers)
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        var random = new Random(ranges);
        Term Node(int i) => (i % 11) switch
        {
            0 => new BlankNode($"b{i}"),
            1 => Literal.Simple($"text {i}"),
            2 => Literal.Typed(i.ToString(), new Iri("http://www.w3.org/2001/XMLSchema#integer")),
            _ => new Iri($"http://example.org/n{i}"),
        };
        var quads = new List<Quad>();
        for (int i = 0; i < 6000; i++)
        {
            int s = random.Next(900);
            var subject = s % 11 == 0 ? (Term)new BlankNode($"b{s}") : new Iri($"http://example.org/n{s}");
            quads.Add(new Quad(subject, new Iri($"http://example.org/p{random.Next(12)}"), Node(random.Next(1500)), null));
        }
        quads.Add(new Quad(new Iri("http://example.org/n3"), SameAs, new Iri("http://example.org/n4"), null));
        store.AddRange(quads);

        // Both tables start with the same rule constants, as the reasoner's does.
        var sequentialTerms = new TermTable();
        var parallelTerms = new TermTable();
        foreach (var table in new[] { sequentialTerms, parallelTerms })
        {
            table.Intern(SameAs);
            table.Intern(new Iri("http://example.org/p5"));
        }
        var sequential = FactLoader.Pipelined(sink => new FactLoader(store.Database, sequentialTerms).Asserted(sink), CancellationToken.None).ToList();
        var loader = new FactLoader(store.Database, parallelTerms);
        var bounds = loader.SubjectRanges(QuadIndex.DefaultSpo, ranges);
        Assert.InRange(bounds.Count - 1, 1, ranges);
        var parallel = loader.AssertedInRanges(bounds, workers, expected: 6000, CancellationToken.None);

        Assert.Equal(store.Count(), sequential.Count);
        Assert.Equal(sequential, parallel);
        Assert.Equal(sequentialTerms.Count, parallelTerms.Count);
        for (int n = 0; n < sequentialTerms.Count; n++)
        {
            Assert.Equal(sequentialTerms.IdOf(n), parallelTerms.IdOf(n));
            Assert.Equal(sequentialTerms.IsLiteral(n), parallelTerms.IsLiteral(n));
        }
    }

    [Fact]
    public void RangeScanOfAStoreWithoutDefaultGraphTriplesIsEmpty()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.Add(new Quad(new Iri("http://example.org/s"), new Iri("http://example.org/p"), new Iri("http://example.org/o"), new Iri("http://example.org/g")));
        var loader = new FactLoader(store.Database, new TermTable());
        Assert.Equal(2, loader.SubjectRanges(QuadIndex.DefaultSpo, 8).Count);
        Assert.Empty(loader.AssertedInParallel(2, 0, CancellationToken.None));
    }

    [Fact]
    public void RangeScanStopsWhenCanceled()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(Enumerable.Range(0, 100).Select(i => new Quad(new Iri($"http://example.org/s{i}"), new Iri("http://example.org/p"), Literal.Simple($"{i}"), null)));
        using var canceled = new CancellationTokenSource();
        canceled.Cancel();
        var loader = new FactLoader(store.Database, new TermTable());
        Assert.ThrowsAny<OperationCanceledException>(() => loader.AssertedInParallel(2, 100, canceled.Token));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void FactSetAddRangeAgreesWithSingleAdds(int seed)
    {
        var random = new Random(seed);
        var bulk = new FactSet(100);
        var single = new FactSet();
        for (int round = 0; round < 3; round++)
        {
            // Many repeats, within a batch and against what the set holds; large enough for the bulk path.
            var facts = Enumerable.Range(0, 30_000).Select(_ => new Fact(random.Next(200), random.Next(5), random.Next(200))).ToArray();
            bulk.AddRange(facts);
            foreach (var fact in facts) single.Add(fact);
            Assert.Equal(single.Count, bulk.Count);
        }
        Assert.True(bulk.IsPacked);
        Assert.Equal(single.OrderBy(f => (f.S, f.P, f.O)), bulk.OrderBy(f => (f.S, f.P, f.O)));
        foreach (var fact in single) Assert.True(bulk.Contains(fact));
        Assert.False(bulk.Contains(new Fact(200, 0, 0)));
        // Removal works on a table filled in region order.
        foreach (var fact in single.Take(1000).ToList())
        {
            Assert.True(bulk.Remove(fact));
            Assert.False(bulk.Contains(fact));
        }
        Assert.Equal(single.Count - 1000, bulk.Count);
    }

    [Fact]
    public void FactSetAddRangeWithAWideNumberFallsBackToTheHashSet()
    {
        var facts = Enumerable.Range(0, 10_000).Select(i => new Fact(i, i % 3, i + 1)).Append(new Fact(1 << 21, 0, 0)).ToArray();
        var set = new FactSet(facts.AsSpan());
        Assert.False(set.IsPacked);
        Assert.Equal(facts.Length, set.Count);
        Assert.All(facts, f => Assert.True(set.Contains(f)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AddBatchInKeyOrderLinksEachListAsSingleAddsDo(bool parallel)
    {
        var random = new Random(11);
        var batched = new FactStore();
        var single = new FactStore();
        // Facts already held, then a batch in (s, p) order: runs of one subject and predicate, as an SPO scan gives.
        var before = Enumerable.Range(0, 5_000).Select(_ => new Fact(random.Next(400), random.Next(6), random.Next(400))).ToArray();
        var batch = Enumerable.Range(0, 60_000).Select(_ => new Fact(random.Next(400), random.Next(6), random.Next(400)))
            .OrderBy(f => f.S).ThenBy(f => f.P).ToArray();
        foreach (var store in new[] { batched, single })
            foreach (var fact in before) store.Add(fact);
        batched.AddBatch(batch, parallel);
        foreach (var fact in batch) single.Add(fact);
        Assert.Equal(single.Count, batched.Count);
        for (int p = 0; p < 6; p++)
        {
            Assert.Equal(single.PredicateCount(p), batched.PredicateCount(p));
            // Lists hold the same facts newest first (dead rows aside, rows differ only by the batch's dead rows).
            Assert.Equal(single.Pairs(p), batched.Pairs(p));
            for (int v = 0; v < 400; v++)
            {
                Assert.Equal(single.Objects(p, v), batched.Objects(p, v));
                Assert.Equal(single.Subjects(p, v), batched.Subjects(p, v));
            }
        }
        Assert.Equal(single.Predicates.Order(), batched.Predicates.Order());
    }

    [Fact]
    public void RankOrderSortsTermIdsAsTheirBytes()
    {
        var terms = new TermTable();
        var encoder = new TermEncoder();
        var random = new Random(3);
        for (int i = 0; i < 9_000; i++)
        {
            Term term = (i % 4) switch
            {
                0 => Literal.Simple($"s{random.Next(100_000)}"), // short strings are inline: ids that share their high word
                1 => Literal.Typed(random.Next(50).ToString(), new Iri("http://www.w3.org/2001/XMLSchema#integer")),
                2 => new BlankNode($"b{random.Next(100_000)}"),
                _ => new Iri($"http://example.org/{random.Next(1_000_000)}"),
            };
            terms.Intern(encoder.Encode(term));
        }
        var order = FactSorter.RankOrder(terms);
        var expected = Enumerable.Range(0, terms.Count).OrderBy(terms.IdOf).ToArray();
        Assert.Equal(expected.Select(terms.IdOf), order.Select(terms.IdOf));
        Assert.Equal(Enumerable.Range(0, terms.Count), order.Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void PartsOfAnIndexJoinToTheKeysOfOneWriter(int partsPerIndex)
    {
        var terms = new TermTable();
        var encoder = new TermEncoder();
        var random = new Random(partsPerIndex);
        var numbers = Enumerable.Range(0, 300).Select(i => terms.Intern(encoder.Encode(new Iri($"http://example.org/t{random.Next(1_000_000)}-{i}")))).ToArray();
        // Repeats, so a cut may fall inside a run of one key.
        var facts = Enumerable.Range(0, 20_000)
            .Select(_ => new Fact(numbers[random.Next(300)], numbers[random.Next(3)], numbers[random.Next(300)]))
            .ToList();
        var sorter = new FactSorter(terms);
        var parts = sorter.Parts(facts, partsPerIndex);
        foreach (var index in QuadIndex.DefaultGraph)
        {
            var whole = new List<byte[]>();
            sorter.WriteKeys(facts, index, key => whole.Add(key.ToArray()));
            var joined = new List<byte[]>();
            int count = 0;
            foreach (var (partIndex, write) in parts)
            {
                if (partIndex != index) continue;
                count++;
                var part = new List<byte[]>();
                write(key => part.Add(key.ToArray()));
                Assert.NotEmpty(part);
                // Parts follow each other: each starts above where the previous ended.
                if (joined.Count > 0) Assert.True(joined[^1].AsSpan().SequenceCompareTo(part[0]) < 0);
                joined.AddRange(part);
            }
            Assert.InRange(count, 1, partsPerIndex);
            Assert.Equal(whole.Count, joined.Count);
            for (int i = 0; i < whole.Count; i++) Assert.Equal(whole[i], joined[i]);
        }
    }
}
