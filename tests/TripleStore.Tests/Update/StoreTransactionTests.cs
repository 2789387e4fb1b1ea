using TripleStore.Dataset;
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

    [Fact]
    public void Writes_on_the_transactions_own_thread_that_bypass_it_are_refused()
    {
        using (var tx = _store.BeginTransaction())
        {
            tx.Add(Q(1));
            var direct = Assert.Throws<TripleStoreException>(() => _store.Add(Q(2)));
            Assert.Equal(ErrorCodes.TransactionActive, direct.ErrorCode);
            var nested = Assert.Throws<TripleStoreException>(() => _store.BeginTransaction());
            Assert.Equal(ErrorCodes.TransactionActive, nested.ErrorCode);
            Assert.Equal(ErrorCodes.TransactionActive, Assert.Throws<TripleStoreException>(() => _store.Update("CLEAR ALL")).ErrorCode);
            tx.Commit();
        }
        // Once it is finished, plain writes work again on the same thread.
        Assert.True(_store.Add(Q(2)));
        Assert.Equal(2, _store.Count());
    }

    [Fact]
    public void Preview_reports_net_changes_and_writes_nothing()
    {
        _store.AddRange([Q(1), Q(2)]);
        var preview = _store.PreviewUpdate("DELETE WHERE { ?s <http://example.org/p> 1 } ; INSERT DATA { <http://example.org/s9> <http://example.org/p> 9 }");
        Assert.Equal(1, preview.Result.QuadsInserted);
        Assert.Equal(1, preview.Result.QuadsDeleted);
        Assert.Equal(2, preview.Result.Operations);
        Assert.Equal(Q(9), Assert.Single(preview.Inserted));
        Assert.Equal(Q(1), Assert.Single(preview.Deleted));
        Assert.True(_store.Contains(Q(1)));
        Assert.False(_store.Contains(Q(9)));

        using var tx = _store.BeginTransaction();
        tx.Add(Q(3));
        var inside = tx.PreviewUpdate("DELETE WHERE { ?s ?p ?o }");
        Assert.Equal(3, inside.Result.QuadsDeleted);
        Assert.Equal(1, tx.PendingChanges);
    }

    [Fact]
    public void Clear_and_import_join_the_transaction_and_a_bad_file_adds_nothing()
    {
        _store.AddRange([Q(1), Q(2)]);
        var good = System.IO.Path.Combine(_folder.Path, "..", System.IO.Path.GetFileName(_folder.Path) + "-good.nt");
        var bad = System.IO.Path.Combine(_folder.Path, "..", System.IO.Path.GetFileName(_folder.Path) + "-bad.nt");
        try
        {
            File.WriteAllText(good, "<http://example.org/a> <http://example.org/p> \"x\" .\n<http://example.org/b> <http://example.org/p> \"y\" .\n");
            File.WriteAllText(bad, "<http://example.org/c> <http://example.org/p> \"z\" .\n<http://example.org/d> <http://example.org/p> .\n");
            using (var tx = _store.BeginTransaction())
            {
                Assert.Equal(2, tx.Clear(GraphSelector.Default));
                var summary = tx.Import([good]);
                Assert.Equal(2, summary.TriplesAdded);
                Assert.ThrowsAny<TripleStoreException>(() => tx.Import([bad]));
                Assert.Equal(4, tx.PendingChanges);
                Assert.Equal(2, _store.Count());
                tx.Commit();
            }
            Assert.Equal(2, _store.Count());
            Assert.False(_store.Contains(Q(1)));
        }
        finally
        {
            File.Delete(good);
            File.Delete(bad);
        }
    }
}
