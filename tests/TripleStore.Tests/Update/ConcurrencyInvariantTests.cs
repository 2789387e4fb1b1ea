using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Storage;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Update;

/// <summary>
/// One writer moves money between accounts (SPARQL updates and explicit transactions, alternately) while
/// several readers check, on every read, the invariants every committed state satisfies: each account has
/// exactly one balance, the balances sum to the opening total, and the transfer counter never goes back.
/// A torn state (a debit without its credit, a counter ahead of or behind its transfers) would break one.
/// </summary>
public sealed class ConcurrencyInvariantTests : IDisposable
{
    private const string Ex = "http://example.org/bank/";
    private const int Accounts = 5;
    private const long OpeningBalance = 1_000;
    private const int Transfers = 240;
    private const int Readers = 3;

    private static readonly Iri Balance = new(Ex + "balance");
    private static readonly Iri Transfered = new(Ex + "transfers");
    private static readonly Iri Ledger = new(Ex + "ledger");

    private readonly TempFolder _folder = new();
    private readonly RdfStore _store;

    public ConcurrencyInvariantTests() => _store = RdfStore.Open(_folder.Path);

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    private static Iri Account(int i) => new(Ex + "account" + i);

    private static Literal Integer(long value) => Literal.Typed(value.ToString(System.Globalization.CultureInfo.InvariantCulture), Xsd.Integer);

    [Fact]
    public void Readers_never_see_a_torn_state_while_a_writer_commits()
    {
        _store.AddRange(Enumerable.Range(0, Accounts).Select(i => new Quad(Account(i), Balance, Integer(OpeningBalance)))
            .Append(new Quad(Ledger, Transfered, Integer(0))));
        using var done = new CancellationTokenSource();
        // Readers run on their own threads and the writer starts only once each has checked a state, so on a
        // busy machine the writer cannot finish before the readers begin (which would test nothing).
        using var started = new CountdownEvent(Readers);
        var readers = Enumerable.Range(0, Readers)
            .Select(r => Task.Factory.StartNew(() => Read(r % 2 == 0, done.Token, started), TaskCreationOptions.LongRunning)).ToArray();
        Assert.True(started.Wait(TimeSpan.FromMinutes(2)), "the readers did not start");
        var writer = Task.Run(() => Write(done));
        writer.GetAwaiter().GetResult();
        var reads = Task.WhenAll(readers).GetAwaiter().GetResult();

        Assert.All(reads, n => Assert.True(n >= 3, $"a reader checked only {n} states"));
        var final = Check(_store.OpenSnapshot());
        Assert.Equal(Transfers, final);
    }

    private void Write(CancellationTokenSource done)
    {
        try
        {
            var random = new Random(7);
            for (int t = 1; t <= Transfers; t++)
            {
                int from = random.Next(Accounts), to = (from + 1 + random.Next(Accounts - 1)) % Accounts;
                int amount = random.Next(1, 50);
                if (t % 2 == 0)
                {
                    _store.Update($$"""
                        PREFIX ex: <{{Ex}}>
                        DELETE { ?from ex:balance ?fb . ?to ex:balance ?tb . ex:ledger ex:transfers ?n }
                        INSERT { ?from ex:balance ?nf . ?to ex:balance ?nt . ex:ledger ex:transfers ?n1 }
                        WHERE {
                          VALUES (?from ?to) { (<{{Account(from).Value}}> <{{Account(to).Value}}>) }
                          ?from ex:balance ?fb . ?to ex:balance ?tb . ex:ledger ex:transfers ?n
                          BIND(?fb - {{amount}} AS ?nf) BIND(?tb + {{amount}} AS ?nt) BIND(?n + 1 AS ?n1)
                        }
                        """);
                }
                else
                {
                    using var tx = _store.BeginTransaction();
                    long fb = Value(tx, Account(from)), tb = Value(tx, Account(to)), n = Value(tx, Ledger);
                    // Debit first, then check mid-transaction that nothing is visible outside yet.
                    tx.Remove(new Quad(Account(from), Balance, Integer(fb)));
                    tx.Add(new Quad(Account(from), Balance, Integer(fb - amount)));
                    tx.Remove(new Quad(Account(to), Balance, Integer(tb)));
                    tx.Add(new Quad(Account(to), Balance, Integer(tb + amount)));
                    tx.Remove(new Quad(Ledger, Transfered, Integer(n)));
                    tx.Add(new Quad(Ledger, Transfered, Integer(n + 1)));
                    tx.Commit();
                }
            }
        }
        finally
        {
            done.Cancel();
        }
    }

    private static long Value(StoreTransaction tx, Iri subject)
    {
        var predicate = subject.Equals(Ledger) ? "transfers" : "balance";
        var rows = ((SolutionSequence)tx.Query($"SELECT ?v WHERE {{ <{subject.Value}> <{Ex}{predicate}> ?v }}")).ToList();
        return long.Parse(((Literal)rows.Single()[0]!).Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Reads until the writer is done (and once more after); returns how many states it checked.</summary>
    private int Read(bool throughQueries, CancellationToken done, CountdownEvent started)
    {
        int checkedStates = 0;
        long lastCounter = 0;
        while (true)
        {
            bool last = done.IsCancellationRequested;
            long counter = throughQueries ? CheckByQuery() : Check(_store.OpenSnapshot());
            Assert.True(counter >= lastCounter, $"the transfer counter went back from {lastCounter} to {counter}");
            lastCounter = counter;
            if (checkedStates++ == 0) started.Signal();
            if (last) return checkedStates;
        }
    }

    /// <summary>Checks one snapshot's invariants and returns its transfer counter.</summary>
    private static long Check(StoreSnapshot snapshot)
    {
        using (snapshot)
        {
            var balances = snapshot.Match(null, Balance, null, GraphSelector.Default)
                .Select(q => (q.Subject, Amount: long.Parse(((Literal)q.Object).Value, System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
            Assert.Equal(Accounts, balances.Count);
            Assert.Equal(Accounts, balances.Select(b => b.Subject).Distinct().Count());
            Assert.Equal(Accounts * OpeningBalance, balances.Sum(b => b.Amount));
            var counters = snapshot.Match(Ledger, Transfered, null, GraphSelector.Default).ToList();
            return long.Parse(((Literal)Assert.Single(counters).Object).Value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The same invariants through one SPARQL query, which reads one snapshot.</summary>
    private long CheckByQuery()
    {
        var rows = ((SolutionSequence)_store.Query($$"""
            PREFIX ex: <{{Ex}}>
            SELECT (COUNT(?a) AS ?accounts) (COUNT(DISTINCT ?a) AS ?distinct) (SUM(?b) AS ?total) (SAMPLE(?n) AS ?counter)
            WHERE { ?a ex:balance ?b . ex:ledger ex:transfers ?n }
            """)).ToList();
        var row = Assert.Single(rows);
        long Number(int i) => long.Parse(((Literal)row[i]!).Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Accounts, Number(0));
        Assert.Equal(Accounts, Number(1));
        Assert.Equal(Accounts * OpeningBalance, Number(2));
        return Number(3);
    }
}
