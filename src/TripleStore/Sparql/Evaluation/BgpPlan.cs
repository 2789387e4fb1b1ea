using TripleStore.Dataset;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation;

/// <summary>How a step of an id join treats one position of its pattern.</summary>
internal enum IdPositionKind : byte
{
    /// <summary>Not part of the pattern (the graph position of a default-graph pattern).</summary>
    None,
    /// <summary>A constant of the query, encoded once per source.</summary>
    Constant,
    /// <summary>A variable bound before this step (by the input or an earlier step): part of the lookup.</summary>
    Bound,
    /// <summary>A variable this step binds.</summary>
    New,
    /// <summary>A variable repeated in this step's pattern: its second occurrence must equal the first.</summary>
    Check,
}

/// <summary>
/// The join order of a BGP for one set of input-bound variables, compiled for the id join: per step,
/// what each position is, which filters run after it and which variables they need decoded.
/// </summary>
internal sealed class BgpPlan
{
    public BgpPlan(int[] order, BgpFilter[][] filtersAt, SlotTriple[] patterns, GraphSpec graph, Term?[] input, long[]? hashAfter = null, int[][]? intersect = null)
    {
        Order = order;
        FiltersAt = filtersAt;
        var bound = new HashSet<int>();
        var inputSlots = new List<int>();
        void SeeInput(int slot)
        {
            if (input[slot] is not null && bound.Add(slot)) inputSlots.Add(slot);
        }
        foreach (var p in patterns)
            foreach (var pos in p.Positions)
                if (pos.IsVariable) SeeInput(pos.Slot);
        if (graph.Kind == GraphSpecKind.Variable) SeeInput(graph.Slot);
        InputSlots = inputSlots.ToArray();
        var fromInput = new HashSet<int>(bound);

        var output = new List<int>();
        Steps = new BgpStep[order.Length];
        for (int d = 0; d < order.Length; d++)
        {
            var p = patterns[order[d]];
            var step = new BgpStep();
            var here = new HashSet<int>();
            for (int i = 0; i < 3; i++)
            {
                var pos = p.Positions[i];
                if (!pos.IsVariable)
                {
                    step.Kinds[i] = IdPositionKind.Constant;
                    step.Constants[i] = pos.Constant;
                    continue;
                }
                step.Slots[i] = pos.Slot;
                step.Kinds[i] = bound.Contains(pos.Slot) ? IdPositionKind.Bound : here.Add(pos.Slot) ? IdPositionKind.New : IdPositionKind.Check;
            }
            switch (graph.Kind)
            {
                case GraphSpecKind.Default:
                    step.Graph = GraphSelectorKind.DefaultGraph;
                    break;
                case GraphSpecKind.Fixed:
                    step.Graph = GraphSelectorKind.NamedGraph;
                    step.Kinds[3] = IdPositionKind.Constant;
                    step.Constants[3] = graph.Name;
                    break;
                default:
                    step.Slots[3] = graph.Slot;
                    if (bound.Contains(graph.Slot))
                    {
                        step.Graph = GraphSelectorKind.NamedGraph;
                        step.Kinds[3] = IdPositionKind.Bound;
                    }
                    else
                    {
                        step.Graph = GraphSelectorKind.AllNamedGraphs;
                        step.Kinds[3] = here.Add(graph.Slot) ? IdPositionKind.New : IdPositionKind.Check;
                    }
                    break;
            }
            var boundBefore = new HashSet<int>(bound);
            foreach (int slot in here)
            {
                bound.Add(slot);
                output.Add(slot);
            }
            if (hashAfter is not null && hashAfter[d] >= 0 && graph.Kind != GraphSpecKind.Variable)
            {
                for (int i = 0; i < 3; i++)
                    step.Key[i] = step.Kinds[i] == IdPositionKind.Bound && !fromInput.Contains(step.Slots[i]);
                step.Hash = step.Key.Any(k => k);
                step.Exists = step.Kinds.All(k => k is IdPositionKind.None or IdPositionKind.Constant or IdPositionKind.Bound);
                step.HashAfter = hashAfter[d];
            }
            step.Filters = filtersAt[d + 1];
            // Only what this BGP has bound so far is decoded: a filter may also name variables the BGP never
            // binds (they stay unbound, as the filter's semantics expect).
            step.FilterSlots = step.Filters.SelectMany(f => f.Slots).Where(s => !fromInput.Contains(s) && bound.Contains(s)).Distinct().ToArray();
            // A scan of a predicate's objects under numeric bounds from values already known reads only the
            // id ranges that can hold such numbers (the filters still check every row).
            // A step hashed on its subject alone builds its table from the same ranges (a banded hash:
            // the table holds only the subjects whose object can pass the bounds).
            bool scansObjects = !step.Hash
                ? step.Kinds[0] == IdPositionKind.New && step.Kinds[2] == IdPositionKind.New && step.Kinds[1] is IdPositionKind.Constant or IdPositionKind.Bound
                : step.Key[0] && !step.Key[1] && !step.Key[2] && !step.Exists && step.Kinds[1] is IdPositionKind.Constant or IdPositionKind.Bound && step.Kinds[2] == IdPositionKind.New;
            if (scansObjects)
            {
                var bounds = step.Filters.Where(f => f.Range is { } r && r.Slot == step.Slots[2] && r.BoundSlots.All(boundBefore.Contains))
                    .Select(f => f.Range!).ToArray();
                if (bounds.Length > 0)
                {
                    step.ObjectBounds = bounds;
                    step.ObjectBoundSlots = bounds.SelectMany(b => b.BoundSlots).Where(s => !fromInput.Contains(s)).Distinct().ToArray();
                }
            }
            Steps[d] = step;
        }
        if (intersect is not null) Intersect(intersect);
        OutputSlots = output.ToArray();
        HasFilters = Steps.Any(s => s.Filters.Length > 0);
    }

    /// <summary>
    /// Marks the steps <see cref="BgpIntersection"/> chose: a driver lists its checks' depths and the
    /// position of the shared variable in each; a check becomes covered (the driver applies it).
    /// </summary>
    private void Intersect(int[][] intersect)
    {
        for (int d = 0; d < Steps.Length; d++)
        {
            if (intersect[d].Length == 0) continue;
            var driver = Steps[d];
            int position = Array.IndexOf(driver.Kinds, IdPositionKind.New);
            int slot = driver.Slots[position];
            driver.Checks = intersect[d];
            driver.SharedPosition = position;
            driver.CheckPositions = intersect[d].Select(e => Array.IndexOf(Steps[e].Slots, slot, 0, 3)).ToArray();
            foreach (int e in intersect[d])
            {
                Steps[e].Covered = true;
                Steps[e].Hash = false;
            }
        }
    }

    /// <summary>
    /// The order for EXPLAIN: 1-based pattern positions in the text; a step that built its hash table in
    /// the last run is marked hash(n); an intersection is n∩m (the driver and the checks it applies, with
    /// the driver matches it read and kept in the last run), and the checks it covers are left out.
    /// </summary>
    public string Describe()
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        // Covered checks are never among the merged steps, so the first parts are the merged ones.
        var parts = Order.Select((p, d) => (p, d)).Where(x => !Steps[x.d].Covered).Select(x => Step(x.p, x.d)).ToList();
        if (Merge is { } m)
        {
            string actual = MergeRan ? string.Format(inv, ", actual={0}", MergeRows) : "";
            parts.RemoveRange(0, m.Length);
            parts.Insert(0, string.Format(inv, "merge({0} est={1:0.#}{2})", string.Join(" ", Order.Take(m.Length).Select(p => p + 1)), m.Rows, actual));
        }
        return "[join order: " + string.Join(", ", parts) + "]";
    }

    /// <summary>When set, the first <see cref="MergeChoice.Length"/> steps are joined by a merge on one variable.</summary>
    public MergeChoice? Merge { get; init; }

    /// <summary>Rows the merge produced in the last run that used it (for EXPLAIN).</summary>
    public long MergeRows { get; set; }

    public bool MergeRan { get; set; }

    private string Step(int pattern, int depth)
    {
        var step = Steps[depth];
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        string name = step.Hashed && step.ObjectBounds is not null ? $"hash(range({pattern + 1}))"
            : step.Hashed ? (step.HashShared ? $"hash({pattern + 1}, shared)" : $"hash({pattern + 1})") : step.Memoized ? $"memo({pattern + 1})" : step.Replayed ? $"reuse({pattern + 1})"
            : step.ObjectBounds is not null ? $"range({pattern + 1})" : step.ScannedInParallel ? $"parallel({pattern + 1})" : (pattern + 1).ToString(inv);
        if (step.Checks.Length == 0) return name;
        return name + string.Concat(step.Checks.Select(e => "∩" + (Order[e] + 1).ToString(inv)))
            + $" (read {step.IntersectRead.ToString(inv)}, kept {step.IntersectKept.ToString(inv)})"
            + (step.IntersectWhole > 0 ? $" {step.IntersectWhole.ToString(inv)} read whole" : "")
            + (step.IntersectReadAhead > 0 ? $" ({step.IntersectReadAhead.ToString(inv)} ahead)" : "")
            + (step.IntersectShared > 0 ? $" ({step.IntersectShared.ToString(inv)} shared)" : "");
    }

    public int[] Order { get; }

    /// <summary>Filters per depth: index 0 runs on the input, index d + 1 after step d.</summary>
    public BgpFilter[][] FiltersAt { get; }

    public BgpStep[] Steps { get; }

    /// <summary>Pattern variables the input binds: encoded once per run.</summary>
    public int[] InputSlots { get; }

    /// <summary>Variables the BGP binds: decoded into each result row.</summary>
    public int[] OutputSlots { get; }

    public bool HasFilters { get; }

    private sealed record ConstantIds(WeakReference<IEncodedQuadSource> Source, NodeId[]? Ids);

    private volatile ConstantIds? _constants;

    /// <summary>
    /// The ids of the pattern constants in <paramref name="source"/> (four per step, by position), kept for
    /// the last source; null when one of them cannot occur there, so the BGP has no solution.
    /// </summary>
    public NodeId[]? ConstantsFor(IEncodedQuadSource source)
    {
        var cached = _constants;
        if (cached is not null && cached.Source.TryGetTarget(out var s) && ReferenceEquals(s, source)) return cached.Ids;
        var ids = new NodeId[Steps.Length * 4];
        bool ok = true;
        for (int d = 0; d < Steps.Length && ok; d++)
            for (int i = 0; i < 4 && ok; i++)
                if (Steps[d].Kinds[i] == IdPositionKind.Constant)
                    ok = source.TryEncode(Steps[d].Constants[i]!, out ids[d * 4 + i]);
        _constants = new ConstantIds(new WeakReference<IEncodedQuadSource>(source), ok ? ids : null);
        return ok ? ids : null;
    }
}

/// <summary>One step of an id join: a triple pattern, positions 0-2 subject, predicate, object and 3 the graph.</summary>
internal sealed class BgpStep
{
    public readonly IdPositionKind[] Kinds = new IdPositionKind[4];
    public readonly int[] Slots = [-1, -1, -1, -1];
    public readonly Term?[] Constants = new Term?[4];
    public GraphSelectorKind Graph;
    public BgpFilter[] Filters = [];
    public int[] FilterSlots = [];

    /// <summary>Numeric bounds on the object this step scans, computed per seek into <see cref="IdPattern.ObjectRanges"/>; null when none.</summary>
    public ObjectRangeBound[]? ObjectBounds;

    /// <summary>The variables the bounds read that earlier steps bound (decoded per seek).</summary>
    public int[] ObjectBoundSlots = [];

    /// <summary>May become a hash join: once sought more than <see cref="HashAfter"/> times in a run, the pattern is scanned once and looked up by <see cref="Key"/>.</summary>
    public bool Hash;

    public long HashAfter;

    /// <summary>Every position is known when the step runs: a hashed step keeps a set of keys, not the matches.</summary>
    public bool Exists;

    /// <summary>Whether the step built its table in the last run that reached it (for EXPLAIN).</summary>
    public volatile bool Hashed;

    /// <summary>Whether that table came from the source's shared cache, built by an earlier query (for EXPLAIN).</summary>
    public volatile bool HashShared;

    /// <summary>Depths of the later checks this step intersects with (see <see cref="BgpIntersection"/>); empty when none.</summary>
    public int[] Checks = [];

    /// <summary>The position (0-2) of the variable shared with <see cref="Checks"/> in this step's pattern, and in each check's.</summary>
    public int SharedPosition;

    public int[] CheckPositions = [];

    /// <summary>Per check, the position of its one other variable bound earlier (the key of its kept lists, see <see cref="KeyedLists"/>), or -1; and its scan size with only constants fixed.</summary>
    public int[] CheckKeyPositions = [];

    public long[] CheckScanSizes = [];

    public bool[] CheckReadAll = [];

    /// <summary>An existence check answered from lists kept per key (see <see cref="MemoCheckCursor"/>): the key and value positions (0-2), -1 when not.</summary>
    public int MemoKey = -1, MemoValue = -1;

    /// <summary>The check's matches with only its constants fixed (the cost of reading it all at once).</summary>
    public long MemoScanSize;

    /// <summary>Whether the check answered from kept lists in the last run (for EXPLAIN); false when it fell back to point reads.</summary>
    public volatile bool Memoized;

    /// <summary>A lookup that keeps its matches per lookup and replays them when the lookup repeats (see <see cref="RepeatedLookupCursor"/>).</summary>
    public bool Repeats;

    /// <summary>A first step scanned and filtered on all cores (<see cref="ParallelFilteredScan"/>).</summary>
    public bool Parallel;

    /// <summary>Whether the last run really scanned it in parallel (for EXPLAIN).</summary>
    public volatile bool ScannedInParallel;

    /// <summary>Whether the step replayed kept matches in the last run (for EXPLAIN).</summary>
    public volatile bool Replayed;

    /// <summary>A check an earlier intersection applies: each seek passes once.</summary>
    public bool Covered;

    /// <summary>Driver matches the intersection read and kept in the last run (for EXPLAIN).</summary>
    public long IntersectRead, IntersectKept;

    /// <summary>Checks the intersection read whole in the last run (for EXPLAIN), and of those, read ahead on another thread.</summary>
    public int IntersectWhole, IntersectReadAhead;

    /// <summary>Of the checks read whole, those taken from the source's shared cache (for EXPLAIN).</summary>
    public int IntersectShared;

    /// <summary>Per position (subject, predicate, object): bound by an earlier step, so part of the hash key.</summary>
    public readonly bool[] Key = new bool[3];

    /// <summary>The lookup for the current bindings.</summary>
    public IdPattern Pattern(NodeId[] ids, NodeId[] constants, int depth)
    {
        var pattern = new IdPattern { Graph = Graph };
        if (Value(0, ids, constants, depth, out pattern.Subject)) pattern.HasSubject = true;
        if (Value(1, ids, constants, depth, out pattern.Predicate)) pattern.HasPredicate = true;
        if (Value(2, ids, constants, depth, out pattern.Object)) pattern.HasObject = true;
        if (Graph == GraphSelectorKind.NamedGraph) Value(3, ids, constants, depth, out pattern.GraphName);
        return pattern;
    }

    private bool Value(int position, NodeId[] ids, NodeId[] constants, int depth, out NodeId value)
    {
        switch (Kinds[position])
        {
            case IdPositionKind.Constant:
                value = constants[depth * 4 + position];
                return true;
            case IdPositionKind.Bound:
                value = ids[Slots[position]];
                return true;
            default:
                value = default;
                return false;
        }
    }

    /// <summary>Binds the variables of a match; false when a repeated variable got two values.</summary>
    public bool Bind(in IdQuad quad, NodeId[] ids)
    {
        for (int i = 0; i < 4; i++)
        {
            switch (Kinds[i])
            {
                case IdPositionKind.New:
                    ids[Slots[i]] = quad[i];
                    break;
                case IdPositionKind.Check:
                    if (ids[Slots[i]] != quad[i]) return false;
                    break;
            }
        }
        return true;
    }
}
