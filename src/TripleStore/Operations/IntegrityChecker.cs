using RocksDbSharp;
using TripleStore.Storage;

namespace TripleStore.Operations;

/// <summary>
/// Checks that a store agrees with itself: every quad of the canonical index (default-graph SPO,
/// named-graph GSPO) is in every other index of its family and no index holds a quad the canonical one
/// lacks; every stored term id has its dictionary entry; the per-graph counters match the quads. Repair
/// rewrites the secondary indexes from the canonical one (dictionary and counter problems need a restore).
/// </summary>
public static class IntegrityChecker
{
    public const string MissingIndexEntry = "MissingIndexEntry";
    public const string ExtraIndexEntry = "ExtraIndexEntry";
    public const string MissingDictionaryEntry = "MissingDictionaryEntry";
    public const string CounterMismatch = "CounterMismatch";

    /// <summary>The full check; with <paramref name="repair"/>, fixes what it can and checks again.</summary>
    public static IntegrityReport Check(RdfStore store, bool repair = false, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var problems = Scan(store.Database, long.MaxValue, cancellation, out long checkedQuads);
        if (!repair || problems.All(p => !p.Repairable)) return new IntegrityReport(store.Path, checkedQuads, problems, false);
        if (store.IsReadOnly)
            throw new TripleStoreException(ErrorCodes.StoreReadOnly, ErrorKind.InvalidOperation, $"The store at {store.Path} is open read-only; open it for writing to repair it.");
        store.RunExclusive(() =>
        {
            // Check again under the write lock, so the repair acts on what is there now.
            var current = Scan(store.Database, long.MaxValue, cancellation, out _);
            using var batch = new WriteBatch();
            foreach (var problem in current.Where(p => p.Repairable))
            {
                var key = Convert.FromHexString(problem.Key);
                if (problem.Kind == MissingIndexEntry) batch.Put(key, Array.Empty<byte>(), store.Database.Data);
                else batch.Delete(key, store.Database.Data);
            }
            store.Database.Db.Write(batch, new WriteOptions().SetSync(true));
            return 0;
        });
        var after = Scan(store.Database, long.MaxValue, cancellation, out checkedQuads);
        return new IntegrityReport(store.Path, checkedQuads, after, true);
    }

    /// <summary>A quick check of the first <paramref name="sampleQuads"/> canonical quads of each family (health checks).</summary>
    internal static IReadOnlyList<IntegrityProblem> SpotCheck(StoreDatabase database, long sampleQuads) =>
        Scan(database, sampleQuads, default, out _, full: false);

    private static List<IntegrityProblem> Scan(StoreDatabase database, long limit, CancellationToken cancellation, out long checkedQuads, bool full = true)
    {
        var problems = new List<IntegrityProblem>();
        using var snapshot = database.Db.CreateSnapshot();
        var scanner = new QuadScanner(database.Db, database.Data, snapshot);
        var perGraph = new Dictionary<TermId, long>();
        var knownTerms = new HashSet<TermId>();
        checkedQuads = 0;
        var key = new byte[1 + 4 * TermId.Size];
        foreach (var family in new[] { QuadIndex.DefaultGraph, QuadIndex.NamedGraphs })
        {
            var canonical = family[0];
            long seen = 0;
            foreach (var quad in scanner.Scan(canonical, [(byte)canonical.Section]))
            {
                if (seen++ >= limit) break;
                if ((checkedQuads++ & 0xFF) == 0) cancellation.ThrowIfCancellationRequested();
                var graph = canonical.IsNamed ? quad[QuadIndex.Graph] : TermId.DefaultGraph;
                perGraph[graph] = perGraph.GetValueOrDefault(graph) + 1;
                foreach (var index in family.Skip(1))
                {
                    var span = key.AsSpan(0, index.KeyLength);
                    index.WriteKey(quad, span);
                    if (scanner.Get(span.ToArray()) is null)
                        problems.Add(new IntegrityProblem(MissingIndexEntry, index.ToString(), Convert.ToHexString(span),
                            $"{index} lacks a quad that {canonical} holds.", true));
                }
                for (int i = 0; i < canonical.Order.Length; i++)
                {
                    var id = quad[i];
                    if (id.IsInline || id == TermId.DefaultGraph || !knownTerms.Add(id)) continue;
                    if (scanner.Get(QuadWriter.DictionaryKey(id)) is null)
                        problems.Add(new IntegrityProblem(MissingDictionaryEntry, "Dictionary", id.ToString(),
                            $"Term id {id} is used by a quad but the dictionary lacks it; restore from a backup.", false));
                }
            }
            if (!full) continue;
            foreach (var index in family.Skip(1))
            {
                long scanned = 0;
                foreach (var quad in scanner.Scan(index, [(byte)index.Section]))
                {
                    if ((scanned++ & 0xFF) == 0) cancellation.ThrowIfCancellationRequested();
                    var span = key.AsSpan(0, canonical.KeyLength);
                    canonical.WriteKey(quad, span);
                    if (scanner.Get(span.ToArray()) is not null) continue;
                    var own = key.AsSpan(0, index.KeyLength);
                    index.WriteKey(quad, own);
                    problems.Add(new IntegrityProblem(ExtraIndexEntry, index.ToString(), Convert.ToHexString(own),
                        $"{index} holds a quad that {canonical} lacks.", true));
                }
            }
        }
        if (full) CheckCounters(scanner, perGraph, problems);
        GC.KeepAlive(snapshot);
        return problems;
    }

    private static void CheckCounters(QuadScanner scanner, Dictionary<TermId, long> perGraph, List<IntegrityProblem> problems)
    {
        var prefix = new[] { (byte)KeySection.Counter, (byte)CounterKind.GraphQuads };
        var recorded = new Dictionary<TermId, long>();
        foreach (var (k, v) in scanner.ScanRaw(prefix))
            recorded[CounterKey.FromBytes(k).Term] = CounterKey.DecodeValue(v);
        foreach (var graph in perGraph.Keys.Union(recorded.Keys))
        {
            long actual = perGraph.GetValueOrDefault(graph), counted = recorded.GetValueOrDefault(graph);
            if (actual != counted)
                problems.Add(new IntegrityProblem(CounterMismatch, "Counter", graph.ToString(),
                    $"The counter of graph {graph} says {counted} quads, the index holds {actual}.", false));
        }
    }
}
