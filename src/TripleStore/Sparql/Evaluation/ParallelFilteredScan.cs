using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// The first step of a BGP join when it scans many matches and filters them itself (BSBM Q6: every label
/// against a REGEX): the scan is cut into object ranges (<see cref="IPartitionedQuadCursor"/>) that the
/// cores scan and filter at once, each with its own cursor, ids and decoded values. The matches that pass
/// are kept per range and replayed in range order, which is the order the serial scan gives, so the
/// answers and their order do not change. The step's filters run again on the few kept matches in the
/// join, as for any step. Only filters that are safe to evaluate on several threads qualify (no EXISTS,
/// whose plans keep state; no BNODE, RAND or UUID).
/// </summary>
internal static class ParallelFilteredScan
{
    /// <summary>The fewest estimated matches worth cutting: below, starting the workers costs more than it saves.</summary>
    internal const long MinimumMatches = 4096;

    /// <summary>Ranges per core: more than one, so a core that meets denser ranges does not hold up the others.</summary>
    private const int RangesPerCore = 4;

    /// <summary>
    /// The most matches the workers keep before giving up: a filter that lets most rows through gains
    /// little from the split, and keeping them all would hold the whole scan in memory. Past it the join
    /// scans serially and streams, as without the split.
    /// </summary>
    internal const int MaximumKept = 1 << 18;

    /// <summary>Whether an expression may run on several threads at once with one evaluation context.</summary>
    public static bool IsConcurrent(Expression e) => e switch
    {
        ExistsExpression => false,
        AggregateExpression => false,
        FunctionCallExpression f => f.Name is not ("BNODE" or "RAND" or "UUID" or "STRUUID") && f.Arguments.All(IsConcurrent),
        _ => true,
    };

    /// <summary>
    /// Whether a plan's first step is worth scanning in parallel: it binds every variable its filters read,
    /// all of them concurrent, its object is free and the estimate says it reads many matches.
    /// </summary>
    public static bool Qualifies(BgpStep step, Term?[] input, SlotTriple pattern, GraphSpec graph, EvaluationContext ctx)
    {
        var mode = ctx.Options.ParallelScans;
        if (mode == false || (mode is null && Environment.ProcessorCount < 2)) return false;
        if (step.Filters.Length == 0 || step.Filters.Any(f => !f.Concurrent)) return false;
        if (step.Hash || step.Covered || step.Checks.Length > 0 || step.MemoKey >= 0 || step.ObjectBounds is not null || step.Graph != GraphSelectorKind.DefaultGraph) return false;
        if (step.Kinds[2] != IdPositionKind.New) return false;
        if (mode == true) return true;
        Term? Known(SlotTerm t) => t.IsVariable ? input[t.Slot] : t.Constant;
        long matches = ctx.Source.EstimateCount(Known(pattern.Subject), Known(pattern.Predicate), Known(pattern.Object), graph.Selector(input, out _));
        return matches >= MinimumMatches;
    }

    /// <summary>
    /// Scans and filters the step's matches on all cores; null when the source cannot cut this scan or more
    /// than <see cref="MaximumKept"/> matches pass (the join then scans it as usual).
    /// </summary>
    public static IQuadCursor? Run(BgpStep step, IdPattern pattern, NodeId[] ids, Term?[] input, IEncodedQuadSource source, EvaluationContext ctx)
    {
        int cores = Math.Max(2, Environment.ProcessorCount);
        if (Whole(pattern, source, ctx) is { } whole) return RunInMemory(step, whole, ids, input, source, ctx, cores);
        NodeRange[]? ranges;
        using (var probe = source.OpenCursor())
            ranges = (probe as IPartitionedQuadCursor)?.SplitObjects(pattern, cores * RangesPerCore);
        if (ranges is null) return null;
        var kept = new List<IdQuad>?[ranges.Length];
        var budget = new KeptBudget((int)Math.Min(MaximumKept, Math.Max(1, ctx.Options.MaxRowsInMemory)));
        var options = new ParallelOptions { MaxDegreeOfParallelism = cores, CancellationToken = ctx.Options.CancellationToken };
        try
        {
            Parallel.For(0, ranges.Length, options,
                () => new Worker(source.OpenCursor(), (NodeId[])ids.Clone(), (Term?[])input.Clone()),
                (r, _, worker) =>
                {
                    if (!budget.Exceeded) kept[r] = worker.Scan(step, pattern, ranges[r], source, ctx, budget);
                    return worker;
                },
                worker => worker.Cursor.Dispose());
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // A worker's timeout, cancellation or evaluation error surfaces as it would from the serial scan.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        catch (OperationCanceledException)
        {
            ctx.Tick();
            throw;
        }
        return budget.Exceeded ? null : new ReplayCursor(kept);
    }

    /// <summary>
    /// The most matches kept in memory across queries for one scan (16 bytes an id, 64 a match): a scan that
    /// the same filter shape reads again and again (BSBM Q6, a word in every label) is read from the store
    /// once; larger scans stay on the store.
    /// </summary>
    internal const int MaximumShared = 1 << 17;

    // The shared scan cache's layout number for a whole read of a pattern, in scan order.
    private const int SharedLayout = 3_000;

    /// <summary>
    /// Every match of the pattern in scan order, from the shared scan cache of this state of the data; read and
    /// offered to it when the scan holds at most <see cref="MaximumShared"/> matches. Null when there is no
    /// cache or the scan is larger (it is then remembered as too large, so it is not read twice).
    /// </summary>
    private static IdQuad[]? Whole(IdPattern pattern, IEncodedQuadSource source, EvaluationContext ctx)
    {
        if (!ctx.Options.SharedScans || source.SharedScans is not { } cache || SharedScanKey.For(pattern, SharedLayout) is not { } key) return null;
        if (cache.TryGet(key, out var value)) return value as IdQuad[];
        if (cache.Rent(key) < 0) return null;
        var all = new List<IdQuad>();
        using (var cursor = source.OpenCursor())
        {
            cursor.Seek(pattern);
            while (cursor.Next(out var quad))
            {
                ctx.Tick();
                if (all.Count == MaximumShared)
                {
                    cache.PayRent(key, -1);
                    return null;
                }
                all.Add(quad);
            }
        }
        var array = all.ToArray();
        cache.TryAdd(key, array, 64L * array.Length + 64);
        return array;
    }

    /// <summary>The kept whole read, cut into slices that the cores filter at once; replayed in slice order, which is scan order.</summary>
    private static IQuadCursor? RunInMemory(BgpStep step, IdQuad[] whole, NodeId[] ids, Term?[] input, IEncodedQuadSource source, EvaluationContext ctx, int cores)
    {
        int slices = Math.Max(1, Math.Min(cores * RangesPerCore, whole.Length / 256 + 1));
        var kept = new List<IdQuad>?[slices];
        var budget = new KeptBudget((int)Math.Min(MaximumKept, Math.Max(1, ctx.Options.MaxRowsInMemory)));
        var options = new ParallelOptions { MaxDegreeOfParallelism = cores, CancellationToken = ctx.Options.CancellationToken };
        try
        {
            Parallel.For(0, slices, options,
                () => new Worker(null, (NodeId[])ids.Clone(), (Term?[])input.Clone()),
                (r, _, worker) =>
                {
                    int from = (int)((long)whole.Length * r / slices), to = (int)((long)whole.Length * (r + 1) / slices);
                    if (!budget.Exceeded) kept[r] = worker.Filter(step, whole.AsSpan(from, to - from), source, ctx, budget);
                    return worker;
                },
                _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        catch (OperationCanceledException)
        {
            ctx.Tick();
            throw;
        }
        return budget.Exceeded ? null : new ReplayCursor(kept);
    }

    /// <summary>The matches kept by all workers so far, against <see cref="MaximumKept"/>.</summary>
    private sealed class KeptBudget(int limit)
    {
        private int _kept;

        public bool Exceeded => Volatile.Read(ref _kept) > limit;

        public bool Take() => Interlocked.Increment(ref _kept) <= limit;
    }

    private sealed class Worker(IQuadCursor? cursor, NodeId[] ids, Term?[] scratch)
    {
        public IQuadCursor Cursor => cursor!;

        public List<IdQuad>? Filter(BgpStep step, ReadOnlySpan<IdQuad> quads, IEncodedQuadSource source, EvaluationContext ctx, KeptBudget budget)
        {
            List<IdQuad>? kept = null;
            foreach (var quad in quads)
            {
                ctx.Tick();
                if (!step.Bind(quad, ids)) continue;
                if (!BgpNode.PassesDecoded(step, ids, scratch, source, ctx)) continue;
                if (!budget.Take()) return null;
                (kept ??= []).Add(quad);
            }
            return kept;
        }

        public List<IdQuad>? Scan(BgpStep step, IdPattern pattern, NodeRange range, IEncodedQuadSource source, EvaluationContext ctx, KeptBudget budget)
        {
            pattern.ObjectRanges = [range];
            cursor!.Seek(pattern);
            List<IdQuad>? kept = null;
            while (cursor.Next(out var quad))
            {
                ctx.Tick();
                // The hint may be ignored by a cursor: the range is what keeps the shares disjoint.
                if (!range.Contains(quad.Object)) continue;
                if (!step.Bind(quad, ids)) continue;
                if (!BgpNode.PassesDecoded(step, ids, scratch, source, ctx)) continue;
                if (!budget.Take()) return null;
                (kept ??= []).Add(quad);
            }
            return kept;
        }
    }

    /// <summary>The kept matches, range after range.</summary>
    private sealed class ReplayCursor(List<IdQuad>?[] kept) : IQuadCursor
    {
        private int _range, _index;

        public void Seek(in IdPattern pattern)
        {
            _range = 0;
            _index = 0;
        }

        public bool Next(out IdQuad quad)
        {
            while (_range < kept.Length)
            {
                var list = kept[_range];
                if (list is not null && _index < list.Count)
                {
                    quad = list[_index++];
                    return true;
                }
                _range++;
                _index = 0;
            }
            quad = default;
            return false;
        }

        public void Dispose() { }
    }
}
