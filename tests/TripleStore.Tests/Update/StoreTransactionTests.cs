using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Update;

public sealed class StoreTransactionTests : IDisposable
{
    private static readonly Iri P = new("http://example.org/p");
    private readonly TempFolder _folder = new();
    private readonly RdfStore _store;

    public StoreTransactionTests() => _store = RdfStore.Open(_folder.Path);

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    private static Quad Q(int i) => new(new Iri("http://example.org/s" + i), P, Literal.Typed(i.ToString(), Xsd.Integer));

    [Fact]
    public void Commit_writes_everything_and_queries_see_own_writes()
    {
        _store.Add(Q(0));
        using (var tx = _store.BeginTransaction())
        {
            Assert.True(tx.Add(Q(1)));
            Assert.True(tx.Remove(Q(0)));
            tx.Update("INSERT DATA { <http://example.org/s2> <http://example.org/p> 2 }");
            var seen = ((SolutionSequence)tx.Query("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s")).Select(r => r[0]).ToList();
            Assert.Equal(new Term?[] { new Iri("http://example.org/s1"), new Iri("http://example.org/s2") }, seen);
            Assert.True(_store.Contains(Q(0))); // not yet committed
            var summary = tx.Commit();
            Assert.Equal(new ChangeSummary(2, 1), summary);
        }
        Assert.False(_store.Contains(Q(0)));
        Assert.True(_store.Contains(Q(1)));
        Assert.Equal(2, _store.Count());
    }

    [Fact]
    public void Rollback_and_dispose_without_commit_discard_changes()
    {
        using (var tx = _store.BeginTransaction())
        {
            tx.Add(Q(1));
            tx.Rollback();
            Assert.Throws<TripleStoreException>(() => tx.Add(Q(2)));
        }
        using (var tx = _store.BeginTransaction()) tx.Add(Q(3));
        Assert.Equal(0, _store.Count());
        // The writer lock was released: plain writes go through.
        Assert.True(_store.Add(Q(4)));
    }

    [Fact]
    public void A_failing_update_inside_a_transaction_applies_none_of_its_operations()
    {
        using var tx = _store.BeginTransaction();
        tx.Add(Q(1));
        Assert.Throws<TripleStoreException>(() => tx.Update("INSERT DATA { <http://example.org/x> <http://example.org/p> 1 } ; CREATE GRAPH <http://example.org/g> ; CREATE GRAPH <http://example.org/g>"));
        Assert.Equal(1, tx.PendingChanges);
        tx.Commit();
        Assert.Equal(1, _store.Count());
    }

    [Fact]
    public void Other_writers_wait_for_the_transaction()
    {
        var tx = _store.BeginTransaction();
        tx.Add(Q(1));
        var writer = Task.Run(() => _store.Add(Q(2)));
        Assert.False(writer.Wait(300), "another thread wrote while the transaction held the writer lock");
        // Readers are not blocked and do not see uncommitted changes.
        Assert.Equal(0, _store.Count());
        tx.Commit();
        Assert.True(writer.Wait(10_000));
        Assert.Equal(2, _store.Count());
    }
}
