namespace TripleStore.Reasoning;

/// <summary>
/// The working set of the fixpoint: facts hashed by predicate (membership and scans), plus the two
/// join indexes rule bodies need, (p,s)→objects and (p,o)→subjects. Reads may run in parallel; writes
/// happen only between parallel phases.
/// </summary>
internal sealed class FactStore
{
    private readonly Dictionary<int, HashSet<long>> _byPredicate = new();
    private readonly Dictionary<long, List<int>> _objects = new();
    private readonly Dictionary<long, List<int>> _subjects = new();

    public long Count { get; private set; }

    private static long Pack(int a, int b) => ((long)a << 32) | (uint)b;

    public bool Contains(in Fact fact) =>
        _byPredicate.TryGetValue(fact.P, out var set) && set.Contains(Pack(fact.S, fact.O));

    public bool Add(in Fact fact)
    {
        if (!_byPredicate.TryGetValue(fact.P, out var set)) _byPredicate[fact.P] = set = new HashSet<long>();
        if (!set.Add(Pack(fact.S, fact.O))) return false;
        Append(_objects, Pack(fact.P, fact.S), fact.O);
        Append(_subjects, Pack(fact.P, fact.O), fact.S);
        Count++;
        return true;
    }

    public bool Remove(in Fact fact)
    {
        if (!_byPredicate.TryGetValue(fact.P, out var set) || !set.Remove(Pack(fact.S, fact.O))) return false;
        Detach(_objects, Pack(fact.P, fact.S), fact.O);
        Detach(_subjects, Pack(fact.P, fact.O), fact.S);
        Count--;
        return true;
    }

    private static void Append(Dictionary<long, List<int>> index, long key, int value)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = new List<int>(2);
        list.Add(value);
    }

    // Order inside a list does not matter, so removal swaps the last element in.
    private static void Detach(Dictionary<long, List<int>> index, long key, int value)
    {
        if (!index.TryGetValue(key, out var list)) return;
        int at = list.IndexOf(value);
        if (at < 0) return;
        list[at] = list[^1];
        list.RemoveAt(list.Count - 1);
        if (list.Count == 0) index.Remove(key);
    }

    public IReadOnlyList<int> Objects(int p, int s) => _objects.TryGetValue(Pack(p, s), out var list) ? list : [];

    public IReadOnlyList<int> Subjects(int p, int o) => _subjects.TryGetValue(Pack(p, o), out var list) ? list : [];

    public IEnumerable<int> Predicates => _byPredicate.Keys;

    /// <summary>The (subject, object) pairs of a predicate, packed; null when it has none.</summary>
    public HashSet<long>? WithPredicate(int p) => _byPredicate.TryGetValue(p, out var set) ? set : null;

    public static int SubjectOf(long pair) => (int)(pair >> 32);
    public static int ObjectOf(long pair) => (int)pair;

    public IEnumerable<Fact> All()
    {
        foreach (var (p, set) in _byPredicate)
            foreach (var pair in set)
                yield return new Fact(SubjectOf(pair), p, ObjectOf(pair));
    }

    public List<Fact> Snapshot() => All().ToList();
}
