using TripleStore.Reasoning.Rules;

namespace TripleStore.Reasoning;

/// <summary>
/// Joins a rule body against the <see cref="FactStore"/>: one atom is matched against a slice of new
/// facts (semi-naive), the others through the store's indexes, always taking next the atom with the
/// most positions already bound. Only reads the store, so many evaluators run in parallel.
/// </summary>
internal sealed class RuleEvaluator
{
    private readonly FactStore _store;
    private readonly CompiledRule _rule;
    private readonly IDerivationSink _sink;
    private readonly int[] _binding;
    private readonly int _allAtoms;
    private bool _stopped;

    public RuleEvaluator(FactStore store, CompiledRule rule, IDerivationSink sink)
    {
        _store = store;
        _rule = rule;
        _sink = sink;
        _binding = new int[rule.VariableCount];
        Array.Fill(_binding, -1);
        _allAtoms = (1 << rule.BodyAtoms) - 1;
    }

    /// <summary>Every match in which body atom <paramref name="atom"/> is one of <paramref name="facts"/>.</summary>
    public void WithAtomFrom(int atom, IReadOnlyList<Fact> facts, int start, int end)
    {
        Span<int> bound = stackalloc int[3];
        for (int i = start; i < end && !_stopped; i++)
        {
            int count = 0;
            if (!TryBind(atom * 3, facts[i], bound, ref count)) continue;
            Join(1 << atom);
            Unbind(bound, count);
        }
    }

    /// <summary>Every match over the whole store (a rule seen for the first time, or one with no body).</summary>
    public void Everything() => Join(0);

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
            if (_sink.Matched(_rule, _binding)) _stopped = true;
            return;
        }
        int atom = NextAtom(used);
        int at = atom * 3;
        int s = Value(_rule.Body[at]), p = Value(_rule.Body[at + 1]), o = Value(_rule.Body[at + 2]);
        int next = used | (1 << atom);
        if (p >= 0) Scan(at, s, p, o, next);
        else
            foreach (int predicate in _store.Predicates.ToArray())
            {
                Scan(at, s, predicate, o, next);
                if (_stopped) return;
            }
    }

    private void Scan(int at, int s, int p, int o, int next)
    {
        Span<int> bound = stackalloc int[3];
        if (s >= 0 && o >= 0)
        {
            var fact = new Fact(s, p, o);
            if (!_store.Contains(fact)) return;
            Try(at, fact, next, bound);
        }
        else if (s >= 0)
        {
            var objects = _store.Objects(p, s);
            for (int i = 0; i < objects.Count && !_stopped; i++) Try(at, new Fact(s, p, objects[i]), next, bound);
        }
        else if (o >= 0)
        {
            var subjects = _store.Subjects(p, o);
            for (int i = 0; i < subjects.Count && !_stopped; i++) Try(at, new Fact(subjects[i], p, o), next, bound);
        }
        else
        {
            var pairs = _store.WithPredicate(p);
            if (pairs is null) return;
            foreach (long pair in pairs)
            {
                Try(at, new Fact(FactStore.SubjectOf(pair), p, FactStore.ObjectOf(pair)), next, bound);
                if (_stopped) return;
            }
        }
    }

    private void Try(int at, in Fact fact, int next, Span<int> bound)
    {
        int count = 0;
        if (!TryBind(at, fact, bound, ref count)) return;
        Join(next);
        Unbind(bound, count);
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
