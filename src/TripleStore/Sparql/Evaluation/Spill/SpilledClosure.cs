using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Spill;

/// <summary>
/// The rest of a property path closure's search once its visited set passed the row limit. The visited
/// nodes live in a sorted file; the nodes still to expand (all known to be new) in a queue of files.
/// Successors are collected in a batch of at most the row limit, and nodes of the batch are expanded at
/// once (up to the row limit of them per node taken from the queue), before anyone knows whether they are new, so that a long chain needs one pass over the visited
/// file per batch rather than per step. When the batch is full (or there is nothing left to expand), it is
/// sorted and merged against the visited file: nodes not there are reported and written into a new
/// visited file, and those of them not yet expanded join the queue. A node found old was expanded for
/// nothing, which costs time but not results. Nodes come in term order within a batch rather than in
/// discovery order; a path's pairs are a set, so only the order differs from memory.
/// </summary>
internal sealed class SpilledClosure : IDisposable
{
    private readonly SpillSpace _space;
    private readonly EvaluationContext _ctx;
    private readonly string _operator;
    private readonly long _limit;
    private SpillFile _visited;
    private readonly Queue<SpillFile> _queue = new();
    private SpillFile? _reading;
    private IEnumerator<SpillRecord>? _reader;

    private SpilledClosure(SpillSpace space, EvaluationContext ctx, string operatorName, SpillFile visited)
    {
        _space = space;
        _ctx = ctx;
        _operator = operatorName;
        _limit = Math.Max(1, ctx.Options.MaxRowsInMemory);
        _visited = visited;
    }

    /// <summary>
    /// Goes on from an in-memory search: <paramref name="visited"/> holds what it reported (it is emptied),
    /// <paramref name="pending"/> the visited nodes still to expand. Yields the nodes not reported yet.
    /// </summary>
    public static IEnumerable<Term> Continue(HashSet<Term> visited, List<Term> pending, Func<Term, IEnumerable<Term>> steps,
        SpillSpace space, EvaluationContext ctx, string operatorName)
    {
        var sorted = visited.ToList();
        visited.Clear();
        sorted.Sort((a, b) => a.CompareTo(b));
        var file = space.Create(operatorName);
        using var closure = new SpilledClosure(space, ctx, operatorName, file);
        foreach (var t in sorted) file.Write(Record(t));
        file.Complete();
        sorted.Clear();
        closure.Enqueue(pending);
        pending.Clear();
        foreach (var t in closure.Run(steps)) yield return t;
    }

    private IEnumerable<Term> Run(Func<Term, IEnumerable<Term>> steps)
    {
        var batch = new HashSet<Term>();
        var unexpanded = new Queue<Term>();
        // Unverified expansions allowed per node taken from the queue: without a bound, a cycle of old
        // nodes would be expanded again after every flush and the search would never end.
        long budget = 0;
        while (true)
        {
            Term node;
            if (unexpanded.Count > 0 && budget > 0)
            {
                node = unexpanded.Dequeue();
                budget--;
            }
            else if (TryDequeue(out var queued))
            {
                node = queued;
                budget = _limit;
            }
            else if (unexpanded.Count > 0)
            {
                foreach (var t in Flush(batch, unexpanded)) yield return t;
                continue;
            }
            else break;
            foreach (var next in steps(node))
            {
                _ctx.Tick();
                if (!batch.Add(next)) continue;
                unexpanded.Enqueue(next);
                if (batch.Count >= _limit)
                    foreach (var t in Flush(batch, unexpanded)) yield return t;
            }
        }
        foreach (var t in Flush(batch, unexpanded)) yield return t;
    }

    /// <summary>Merges the batch into the visited file; returns the nodes that were not visited.</summary>
    private List<Term> Flush(HashSet<Term> batch, Queue<Term> unexpanded)
    {
        var found = new List<Term>();
        if (batch.Count == 0) return found;
        var sorted = batch.ToList();
        batch.Clear();
        sorted.Sort((a, b) => a.CompareTo(b));
        var merged = _space.Create(_operator);
        try
        {
            using (var old = _visited.Read().GetEnumerator())
            {
                bool more = old.MoveNext();
                foreach (var t in sorted)
                {
                    _ctx.Tick();
                    int c = 1;
                    while (more && (c = old.Current.Keys[0]!.CompareTo(t)) < 0)
                    {
                        merged.Write(old.Current);
                        more = old.MoveNext();
                    }
                    if (more && c == 0) continue;
                    merged.Write(Record(t));
                    found.Add(t);
                }
                while (more)
                {
                    merged.Write(old.Current);
                    more = old.MoveNext();
                }
            }
            merged.Complete();
        }
        catch
        {
            merged.Dispose();
            throw;
        }
        _visited.Dispose();
        _visited = merged;
        // New nodes the batch did not expand yet; the old ones were expanded when they were first found.
        if (unexpanded.Count > 0)
        {
            var isNew = new HashSet<Term>(found);
            Enqueue(unexpanded.Where(isNew.Contains));
            unexpanded.Clear();
        }
        return found;
    }

    private void Enqueue(IEnumerable<Term> nodes)
    {
        SpillFile? file = null;
        foreach (var t in nodes)
        {
            file ??= _space.Create(_operator);
            file.Write(Record(t));
        }
        if (file is null) return;
        file.Complete();
        _queue.Enqueue(file);
    }

    private bool TryDequeue(out Term node)
    {
        while (true)
        {
            if (_reader is not null && _reader.MoveNext())
            {
                node = _reader.Current.Keys[0]!;
                return true;
            }
            _reader?.Dispose();
            _reader = null;
            _reading?.Dispose();
            _reading = null;
            if (!_queue.TryDequeue(out _reading))
            {
                node = null!;
                return false;
            }
            _reader = _reading.Read().GetEnumerator();
        }
    }

    private static SpillRecord Record(Term t) => new(0, new Term?[] { t }, Array.Empty<Term?>());

    public void Dispose()
    {
        _reader?.Dispose();
        _reading?.Dispose();
        foreach (var f in _queue) f.Dispose();
        _queue.Clear();
        _visited.Dispose();
    }
}
