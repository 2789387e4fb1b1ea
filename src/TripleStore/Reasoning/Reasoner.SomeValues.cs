using TripleStore.Reasoning.Rules;

namespace TripleStore.Reasoning;

/// <summary>
/// cls-svf1 (<c>?x owl:someValuesFrom ?y . ?x owl:onProperty ?p . ?u ?p ?v . ?v rdf:type ?y -&gt; ?u rdf:type ?x</c>)
/// on the first round of a run from scratch. Run with the other rules, its type atom sees v's types as the
/// round's other tasks happen to have claimed them so far; the types they claim later (a course's Course type,
/// which cax-sco gives a GraduateCourse in the same round) make the next round join every such new type fact
/// with the property facts again, only to re-derive what the hierarchy had already given (56,559 firings on
/// LUBM(10), none new). So on that round the rule runs late, after every other task, driven by the property
/// facts and checking the type atom on the masks, which then hold v's types closed over the hierarchy, the
/// domains, ranges and property forms: every match with a held property fact and a type claimed by the other
/// tasks is found there. The next round drives it from its new type facts only for the fillers whose types
/// the late tasks themselves may have claimed (restrictions and what they imply), or that had no mask bit.
/// </summary>
internal sealed partial class Reasoner
{
    /// <summary>Tasks of the current round to run after all its other tasks have finished (null: none).</summary>
    private List<Action<DerivationBuffer>>? _lateTasks;

    /// <summary>The classes the current round's late cls-svf1 tasks may claim (null: the rule is not run late).</summary>
    private LateClaims? _lateClaims;

    /// <summary>Those of the round before the current plan, when its late tasks ran and no classes merged.</summary>
    private LateClaims? _priorLateClaims;

    /// <summary>
    /// The mask bits of the classes late tasks may claim, and how many classes had a bit then: a class with a
    /// bit then and not among these had all its type facts of that round claimed before the late tasks began.
    /// </summary>
    private sealed record LateClaims(TypeMasks Masks, int Bits, ulong Low, ulong High);

    /// <summary>Type facts of a delta kept from driving cls-svf1 because the late tasks of the round before saw them (see <see cref="_lateClaims"/>).</summary>
    internal long SomeValuesRowsSkipped { get; private set; }

    /// <summary>For cls-svf1 in the catalog's shape: its property atom (<c>?u ?p ?v</c>) and its type atom (<c>?v rdf:type ?y</c>); else null.</summary>
    private static (int Data, int Type)? SomeValuesAtoms(CompiledRule rule, int type)
    {
        if (rule.Name != "cls-svf1" || rule.IsConstraint || rule.BodyAtoms != 4 || rule.Head.Length != 3) return null;
        var b = rule.Body;
        // ?x svf ?y . ?x onProperty ?p . ?u ?p ?v . ?v type ?y  ->  ?u type ?x
        bool shaped = b[0] < 0 && b[2] < 0 && b[3] == b[0] && b[5] < 0 && b[7] == b[5] && b[8] < 0
            && b[9] == b[8] && b[10] == type && b[11] == b[2] && rule.Head[1] == type && rule.Head[2] == b[0];
        return shaped ? (2, 3) : null;
    }

    /// <summary>
    /// On the first round, with the closed hierarchy: plans cls-svf1 as late tasks over the held facts of the
    /// restrictions' properties (<paramref name="byPredicate"/>, every live row), and notes the classes they
    /// may claim. False when the rule is not in the catalog's shape.
    /// </summary>
    private bool PlanLateSomeValues(CompiledRule rule, Dictionary<int, List<int>> byPredicate)
    {
        if (_closure is not { } closure || SomeValuesAtoms(rule, closure.Type) is null) return false;
        var masks = closure.Masks;
        int type = closure.Type;
        // (restriction, filler, filler's bit or -1) per property: the held someValuesFrom and onProperty facts.
        var restrictions = new Dictionary<int, List<(int X, int Y, int Bit)>>();
        var onProperty = new Dictionary<int, List<int>>();
        foreach (var (x, p) in Store.Pairs(rule.Body[4]))
        {
            if (!onProperty.TryGetValue(x, out var list)) onProperty[x] = list = new List<int>();
            list.Add(p);
        }
        ulong low = 0, high = 0;
        foreach (var (x, y) in Store.Pairs(rule.Body[1]))
        {
            if (!onProperty.TryGetValue(x, out var properties)) continue;
            foreach (int p in properties)
            {
                if (!restrictions.TryGetValue(p, out var list)) restrictions[p] = list = new List<(int, int, int)>();
                list.Add((x, y, masks.BitOf(y)));
            }
            // A match claims x's closed set, then the closed sets of the intersections it completes (see
            // DerivationBuffer.EmitTypes).
            if (closure.Of(x) is { } set)
            {
                low |= set.Low;
                high |= set.High;
            }
        }
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var (needLow, needHigh, target) in closure.Intersections)
            {
                if (((needLow & low) | (needHigh & high)) == 0 || ((target.Low & ~low) | (target.High & ~high)) == 0) continue;
                low |= target.Low;
                high |= target.High;
                grew = true;
            }
        }
        _lateClaims = new LateClaims(masks, masks.Classes, low, high);
        _lateTasks ??= new List<Action<DerivationBuffer>>();
        foreach (var (p, list) in restrictions)
        {
            if (!byPredicate.TryGetValue(p, out var rows)) continue;
            var members = list.ToArray();
            for (int start = 0; start < rows.Count; start += ChunkSize)
            {
                int from = start, to = Math.Min(rows.Count, start + ChunkSize);
                _lateTasks.Add(buffer => LateSomeValues(buffer, rule.Name, type, masks, members, rows, from, to));
            }
        }
        return true;
    }

    /// <summary>cls-svf1 matches of the facts <paramref name="rows"/>[from..to) of one property, the type atom judged on the masks (or the store, for a class without a bit).</summary>
    private void LateSomeValues(DerivationBuffer buffer, string rule, int type, TypeMasks masks, (int X, int Y, int Bit)[] restrictions,
        List<int> rows, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if ((i & 1023) == 0) Cancellation.ThrowIfCancellationRequested();
            var fact = Store.At(rows[i]);
            foreach (var (x, y, bit) in restrictions)
                if (bit >= 0 ? masks.Has(fact.O, bit) : Store.Contains(new Fact(fact.O, type, y)))
                    buffer.EmitDerived(new Fact(fact.S, type, x), rule);
        }
    }

    /// <summary>
    /// The round after late cls-svf1 tasks: the delta's type facts (<paramref name="rows"/>, driving the type
    /// atom) that can still give cls-svf1 a match not found then. Those of a class that had a mask bit and that
    /// the late tasks could not claim were on the masks when the late tasks checked every held property fact.
    /// (A large delta reaches here already cut to the fillers' rows by <see cref="DeltaRowsByObject"/>.)
    /// </summary>
    private List<int> SomeValuesTypesToDrive(CompiledRule rule, int atom, List<int> rows, LateClaims prior)
    {
        var masks = prior.Masks;
        if (!ReferenceEquals(masks, _typeMasks) || SomeValuesAtoms(rule, masks.Type) is not { } atoms || atom != atoms.Type) return rows;
        var fillers = new HashSet<int>();
        foreach (var (_, y) in Store.Pairs(rule.Body[1]))
        {
            int bit = masks.BitOf(y);
            bool seen = bit >= 0 && bit < prior.Bits
                && (bit < 64 ? (prior.Low & (1UL << bit)) == 0 : (prior.High & (1UL << (bit - 64))) == 0);
            if (!seen) fillers.Add(y);
        }
        var kept = new List<int>();
        if (fillers.Count > 0)
            foreach (int row in rows)
                if (fillers.Contains(Store.ObjectAt(row))) kept.Add(row);
        SomeValuesRowsSkipped += rows.Count - kept.Count;
        return kept;
    }

    /// <summary>Runs the round's late tasks, if any, after its other tasks, adding their buffers.</summary>
    private void RunLateTasks(List<DerivationBuffer> buffers)
    {
        if (_lateTasks is not { } late) return;
        _lateTasks = null;
        StageTrace.Mark($"tasks {Iterations}");
        buffers.AddRange(Run(late, Store));
    }

    /// <summary>After the round's merge: its late claims hold for the next plan unless classes merged.</summary>
    private void AfterLateMerge(bool merged)
    {
        _priorLateClaims = merged ? null : _lateClaims;
        _lateClaims = null;
    }

    private void DropLateState()
    {
        _lateTasks = null;
        _lateClaims = null;
        _priorLateClaims = null;
    }
}
