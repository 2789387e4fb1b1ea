using TripleStore.Reasoning.Rules;

namespace TripleStore.Reasoning;

/// <summary>
/// Joins a rule body against the <see cref="FactStore"/>: one atom is matched against a slice of driving
/// rows (semi-naive), the others through the store's lists, always taking next the atom with the most
/// positions already bound. Each atom may be limited to rows below a bound, which is how semi-naive
/// evaluation keeps atoms before the driving one on old facts (each match is then found once, not once
/// per new fact in it). Only reads the store, so many evaluators run in parallel.
/// </summary>
internal sealed class RuleEvaluator
{
    private readonly FactStore _store;
    private readonly CompiledRule _rule;
    private readonly IDerivationSink _sink;
    private readonly int[] _binding;
    private readonly int[] _limits;
    private readonly int _allAtoms;
    private readonly CancellationToken _cancellation;
    private readonly TypeMasks? _masks;
    private readonly bool _headMayBeBody;
    private bool _stopped;
    private int _steps;

    /// <summary>
    /// The join order: per set of atoms already matched, the atom to match next (-1: not yet chosen). Which
    /// variables are bound depends only on that set when matching starts from body atoms (not in
    /// <see cref="Derives"/>, which binds head positions first), so the choice is made once per set. Made by
    /// the semi-naive entry points only: a <see cref="Derives"/> check (one evaluator per rule and fact in
    /// DRed) allocates nothing.
    /// </summary>
    private int[]? _order;

    /// <summary>
    /// Candidate facts tried between two cancellation checks (a power of two). One task's join can run for
    /// seconds, so the fixpoint's check between tasks is not enough for Ctrl+C; a counter and a mask per
    /// candidate cost next to nothing beside the bind itself.
    /// </summary>
    private const int StepsPerCancellationCheck = 1024;

    /// <summary>Rules with at most this many body atoms memoize their join order.</summary>
    private const int MemoAtoms = 6;

    /// <param name="limits">Per body atom, the first row it may not match (null: every row).</param>
    /// <param name="cancellation">Checked every <see cref="StepsPerCancellationCheck"/> candidates; throws <see cref="OperationCanceledException"/>.</param>
    /// <param name="masks">
    /// Type masks synced to <paramref name="store"/> (with at most the types this iteration claims besides):
    /// a fully bound <c>x rdf:type C</c> atom whose class has a bit is then checked on x's mask instead of a
    /// probe of the fact table. A claimed type can only add matches found again when it drives next
    /// iteration: the result is the same set.
    /// </param>
    public RuleEvaluator(FactStore store, CompiledRule rule, IDerivationSink sink, int[]? limits = null, CancellationToken cancellation = default, TypeMasks? masks = null)
    {
        _store = store;
        _masks = masks;
        _headMayBeBody = rule.HeadMayBeBody;
        _cancellation = cancellation;
        _rule = rule;
        _sink = sink;
        _binding = new int[rule.VariableCount];
        Array.Fill(_binding, -1);
        _allAtoms = (1 << rule.BodyAtoms) - 1;
        if (limits is null)
        {
            limits = new int[rule.BodyAtoms];
            Array.Fill(limits, int.MaxValue);
        }
        _limits = limits;
    }

    /// <summary>Every match in which body atom <paramref name="atom"/> is the fact of one of <paramref name="rows"/>[start..end).</summary>
    public void WithAtomFrom(int atom, IReadOnlyList<int> rows, int start, int end)
    {
        MemoizeOrder();
        Span<int> bound = stackalloc int[3];
        for (int i = start; i < end && !_stopped; i++)
        {
            Step();
            int count = 0;
            if (!TryBind(atom * 3, _store.At(rows[i]), bound, ref count)) continue;
            Join(1 << atom);
            Unbind(bound, count);
        }
    }

    /// <summary>Every match over the whole store (a rule seen for the first time, or one with no body).</summary>
    public void Everything()
    {
        MemoizeOrder();
        Join(0);
    }

    private void MemoizeOrder()
    {
        if (_order is not null || _rule.BodyAtoms > MemoAtoms) return;
        _order = new int[1 << _rule.BodyAtoms];
        Array.Fill(_order, -1);
    }

    /// <summary>True when some head atom of the rule can be <paramref name="fact"/> with the body matched in the store.</summary>
    public bool Derives(in Fact fact)
    {
        var head = _rule.Head;
        Span<int> bound = stackalloc int[3];
        for (int h = 0; h < head.Length && !_stopped; h += 3)
        {
            int count = 0;
            if (!TryBindPositions(head, h, fact, bound, ref count)) continue;
            Join(0);
            Unbind(bound, count);
        }
        return _stopped;
    }

    private void Join(int used)
    {
        if (_stopped) return;
        if (used == _allAtoms)
        {
            // Checked here too: when the driving atom is a data fact, the reflexive schema fact
            // (?p rdfs:subPropertyOf ?p, ?c owl:equivalentClass ?c) is bound last, and its match would
            // otherwise cost a membership probe for a fact the body already holds.
            if (_headMayBeBody && HeadIsBodyFact(used)) return;
            if (_sink.Matched(_rule, _binding)) _stopped = true;
            return;
        }
        if (used != 0 && _headMayBeBody && HeadIsBodyFact(used)) return;
        int atom;
        if (_order is null) atom = NextAtom(used);
        else if ((atom = _order[used]) < 0) _order[used] = atom = NextAtom(used);
        int at = atom * 3;
        int s = Value(_rule.Body[at]), p = Value(_rule.Body[at + 1]), o = Value(_rule.Body[at + 2]);
        int next = used | (1 << atom);
        int limit = _limits[atom];
        if (p >= 0) Scan(at, s, p, o, next, limit);
        else
            foreach (int predicate in _store.Predicates)
            {
                Scan(at, s, predicate, o, next, limit);
                if (_stopped) return;
            }
    }

    // Lists run newest row first, so rows at or above the limit are a prefix to skip.
    private void Scan(int at, int s, int p, int o, int next, int limit)
    {
        Span<int> bound = stackalloc int[3];
        var store = _store;
        if (s >= 0 && o >= 0)
        {
            if (_masks is not null && p == _masks.Type && _masks.BitOf(o) is var bit and >= 0)
            {
                if (_masks.Has(s, bit)) Try(at, new Fact(s, p, o), next, bound);
                return;
            }
            int row = store.Find(new Fact(s, p, o));
            if (row >= 0 && row < limit) Try(at, new Fact(s, p, o), next, bound);
        }
        else if (s >= 0)
        {
            for (int row = store.FirstWithSubject(p, s); row >= 0 && !_stopped; row = store.NextWithSubject(row))
                if (row < limit && store.IsLive(row)) Try(at, new Fact(s, p, store.ObjectAt(row)), next, bound);
        }
        else if (o >= 0)
        {
            for (int row = store.FirstWithObject(p, o); row >= 0 && !_stopped; row = store.NextWithObject(row))
                if (row < limit && store.IsLive(row)) Try(at, new Fact(store.SubjectAt(row), p, o), next, bound);
        }
        else
        {
            for (int row = store.FirstWithPredicate(p); row >= 0 && !_stopped; row = store.NextWithPredicate(row))
                if (row < limit && store.IsLive(row)) Try(at, store.At(row), next, bound);
        }
    }

    private void Try(int at, in Fact fact, int next, Span<int> bound)
    {
        Step();
        int count = 0;
        if (!TryBind(at, fact, bound, ref count)) return;
        Join(next);
        Unbind(bound, count);
    }

    /// <summary>
    /// True when, under the bindings so far, every head atom is the same pattern as some body atom: then each
    /// completion derives facts its own body already holds, so the branch derives nothing new. This cuts
    /// the reflexive schema facts (<c>?c rdfs:subClassOf ?c</c>, <c>?p owl:equivalentProperty ?p</c>, ...)
    /// that would otherwise make every instance fact re-derive itself.
    /// </summary>
    private bool HeadIsBodyFact(int used)
    {
        var head = _rule.Head;
        if (head.Length == 0 || _rule.IsConstraint) return false;
        var body = _rule.Body;
        for (int h = 0; h < head.Length; h += 3)
        {
            bool covered = false;
            for (int b = 0; b < body.Length && !covered; b += 3)
                covered = Same(head[h], body[b]) && Same(head[h + 1], body[b + 1]) && Same(head[h + 2], body[b + 2]);
            if (!covered) return false;
        }
        return true;
    }

    /// <summary>Two positions are the same when they are one variable or have the same value.</summary>
    private bool Same(int a, int b)
    {
        if (a == b) return true;
        int va = Value(a), vb = Value(b);
        return va >= 0 && va == vb;
    }

    private int NextAtom(int used)
    {
        int best = -1, bestScore = -1;
        var body = _rule.Body;
        for (int a = 0; a < _rule.BodyAtoms; a++)
        {
            if ((used & (1 << a)) != 0) continue;
            int at = a * 3;
            // A bound predicate is worth most: without it the atom scans every predicate.
            int score = (Value(body[at + 1]) >= 0 ? 4 : 0) + (Value(body[at]) >= 0 ? 3 : 0) + (Value(body[at + 2]) >= 0 ? 3 : 0);
            if (score > bestScore)
            {
                best = a;
                bestScore = score;
            }
        }
        return best;
    }

    private void Step()
    {
        if ((++_steps & (StepsPerCancellationCheck - 1)) == 0) _cancellation.ThrowIfCancellationRequested();
    }

    private int Value(int position) => position >= 0 ? position : _binding[CompiledRule.VariableIndex(position)];

    private bool TryBind(int at, in Fact fact, Span<int> bound, ref int count) => TryBindPositions(_rule.Body, at, fact, bound, ref count);

    private bool TryBindPositions(int[] atoms, int at, in Fact fact, Span<int> bound, ref int count)
    {
        if (!BindOne(atoms[at], fact.S, bound, ref count)
            || !BindOne(atoms[at + 1], fact.P, bound, ref count)
            || !BindOne(atoms[at + 2], fact.O, bound, ref count))
        {
            Unbind(bound, count);
            count = 0;
            return false;
        }
        return true;
    }

    private bool BindOne(int position, int value, Span<int> bound, ref int count)
    {
        if (position >= 0) return position == value;
        int variable = CompiledRule.VariableIndex(position);
        int current = _binding[variable];
        if (current >= 0) return current == value;
        _binding[variable] = value;
        bound[count++] = variable;
        return true;
    }

    private void Unbind(Span<int> bound, int count)
    {
        for (int i = 0; i < count; i++) _binding[bound[i]] = -1;
    }
}
