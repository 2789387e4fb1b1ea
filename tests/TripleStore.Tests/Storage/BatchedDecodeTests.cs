using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Storage;
using Xunit;

namespace TripleStore.Tests.Storage;

/// <summary>
/// Decoding many ids at once: the ids the term cache lacks are read from the dictionary in one batched
/// read, giving the same terms as one read each, and rows leaving a BGP are decoded that way.
/// </summary>
public class BatchedDecodeTests
{
    private const string Ex = "http://example.org/";
    private static readonly Iri P = new(Ex + "p");

    private static Term ObjectFor(int i) => (i % 6) switch
    {
        0 => new Iri($"{Ex}object/{i}"),
        1 => Literal.Simple($"a string long enough to need the dictionary, number {i}"),
        2 => Literal.LangString($"un texte assez long pour le dictionnaire {i}", "fr"),
        3 => Literal.Typed(i.ToString(System.Globalization.CultureInfo.InvariantCulture), new Iri("http://www.w3.org/2001/XMLSchema#integer")),
        4 => Literal.Simple("short"),
        _ => new BlankNode($"b{i}"),
    };

    private static void Fill(string path, int subjects)
    {
        using var store = RdfStore.Open(path);
        store.AddRange(Enumerable.Range(0, subjects).Select(i => new Quad(new Iri($"{Ex}subject/{i}"), P, ObjectFor(i), null)));
    }

    [Fact]
    public void BatchedReadsAreUsedOnLinux()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.True(BatchedPointRead.IsBatched);
    }

    [Fact]
    public void DecodeManyGivesTheTermsThatDecodeGivesOneByOne()
    {
        using var folder = new TempFolder();
        Fill(folder.Path, 600);
        List<NodeId> ids;
        List<Term> expected;
        using (var store = RdfStore.Open(folder.Path))
        using (var snapshot = store.OpenSnapshot())
        {
            // Every subject and object, in store order, with repeats (the same object several times in a batch).
            var quads = snapshot.Match(null, P, null, GraphSelector.Default).ToList();
            ids = [];
            foreach (var q in quads.Concat(quads.Take(50)))
                foreach (var term in new[] { q.Subject, q.Object })
                {
                    Assert.True(snapshot.TryEncode(term, out var id));
                    ids.Add(id);
                }
            expected = ids.Select(snapshot.Decode).ToList();
        }

        // Reopened: the term cache is empty, so the terms come from the batched dictionary read.
        using (var store = RdfStore.Open(folder.Path))
        using (var snapshot = store.OpenSnapshot())
        {
            var terms = new Term[ids.Count];
            snapshot.DecodeMany(ids.ToArray(), terms);
            Assert.Equal(expected, terms);
            Assert.Equal(1, store.Database.DictionaryBatches);
            // Each distinct dictionary term is now cached: decoding them again reads nothing.
            int distinct = ids.Distinct().Count(id => !new TermId(id.High, id.Low).IsInline);
            Assert.Equal(distinct, store.Database.Terms.Count);
            var again = new Term[ids.Count];
            snapshot.DecodeMany(ids.ToArray(), again);
            Assert.Equal(expected, again);
            Assert.Equal(1, store.Database.DictionaryBatches);
        }
    }

    [Fact]
    public void OneReadPerKeyGivesTheSameTermsWhenTheBatchedReadIsOff()
    {
        using var folder = new TempFolder();
        Fill(folder.Path, 200);
        List<Quad> quads;
        using (var store1 = RdfStore.Open(folder.Path))
        using (var snapshot1 = store1.OpenSnapshot())
            quads = snapshot1.Match(null, P, null, GraphSelector.Default).ToList();
        // Reopened, so the term cache is empty.
        using var store = RdfStore.Open(folder.Path);
        using var snapshot = store.OpenSnapshot();
        var ids = quads.Select(q => { snapshot.TryEncode(q.Subject, out var id); return id; }).ToArray();
        bool batched = BatchedPointRead.IsBatched;
        try
        {
            BatchedPointRead.IsBatched = false;
            var terms = new Term[ids.Length];
            snapshot.DecodeMany(ids, terms);
            Assert.Equal(quads.Select(q => q.Subject), terms);
        }
        finally
        {
            BatchedPointRead.IsBatched = batched;
        }
    }

    [Fact]
    public void AnIdTheDictionaryLacksIsReportedAsCorruption()
    {
        using var folder = new TempFolder();
        Fill(folder.Path, 10);
        using var store = RdfStore.Open(folder.Path);
        using var snapshot = store.OpenSnapshot();
        var ids = Enumerable.Range(0, 8).Select(i =>
        {
            snapshot.TryEncode(new Iri($"{Ex}never-stored/{i}"), out var id);
            return id;
        }).ToArray();
        var e = Assert.Throws<TripleStoreException>(() => snapshot.DecodeMany(ids, new Term[ids.Length]));
        Assert.Equal(ErrorCodes.Corruption, e.ErrorCode);
    }

    [Fact]
    public void RowsLeavingABgpAreDecodedInBatches()
    {
        using var folder = new TempFolder();
        Fill(folder.Path, 3_000);
        using var store = RdfStore.Open(folder.Path);
        var rows = ((SolutionSequence)store.Query($"SELECT ?s ?o WHERE {{ ?s <{P.Value}> ?o }}")).ToList();
        Assert.Equal(3_000, rows.Count);
        Assert.Equal(3_000, rows.Select(r => r[0]).Distinct().Count());
        foreach (var row in rows)
        {
            int i = int.Parse(((Iri)row[0]!).Value[(Ex.Length + "subject/".Length)..], System.Globalization.CultureInfo.InvariantCulture);
            if (ObjectFor(i) is BlankNode) Assert.IsType<BlankNode>(row[1]);
            else Assert.Equal(ObjectFor(i), row[1]);
        }
        // 32 rows leave one by one, the rest in batches of 32, 64 ... 1,024: a few batched reads, not thousands of point reads.
        Assert.InRange(store.Database.DictionaryBatches, 3, 12);
    }

    [Fact]
    public void AQueryThatStopsEarlyDecodesOnlyTheRowsItTook()
    {
        using var folder = new TempFolder();
        Fill(folder.Path, 3_000);
        using var store = RdfStore.Open(folder.Path);
        var rows = ((SolutionSequence)store.Query($"SELECT ?s ?o WHERE {{ ?s <{P.Value}> ?o }} LIMIT 5")).ToList();
        Assert.Equal(5, rows.Count);
        // The first rows leave one by one: no batch was read ahead (at most 5 subjects and 5 objects decoded).
        Assert.Equal(0, store.Database.DictionaryBatches);
        Assert.InRange(store.Database.Terms.Count, 5, 10);
    }
}

/// <summary>The term cache's own count of its entries.</summary>
public class TermCacheTests
{
    private static TermId Id(ulong n) => new(0x0100_0000_0000_0000UL | n, n);

    [Fact]
    public void EachTermIsCountedOnceAndTheCacheStartsOverWhenFull()
    {
        var cache = new TermCache(3);
        var a = new Iri("http://example.org/a");
        cache.Add(Id(1), a);
        cache.Add(Id(1), a);
        Assert.Equal(1, cache.Count);
        cache.Add(Id(2), a);
        cache.Add(Id(3), a);
        Assert.Equal(3, cache.Count);
        Assert.True(cache.TryGet(Id(3), out _));
        cache.Add(Id(4), a);
        Assert.Equal(1, cache.Count);
        Assert.False(cache.TryGet(Id(1), out _));
        Assert.True(cache.TryGet(Id(4), out var four));
        Assert.Same(a, four);
    }
}
