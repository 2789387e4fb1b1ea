using TripleStore.Storage;

namespace TripleStore.Reasoning;

/// <summary>
/// The in-memory mirror of the persisted change log (<see cref="ReasoningMetadata"/>): each default-graph
/// triple whose presence changed since the last materialization, with its presence at that run (the
/// first change wins), or a note that the next run must be full (too many changes, a bulk import).
/// Whether a logged triple is a change is decided at the next run by comparing with the store.
/// </summary>
internal sealed class ChangeLog
{
    public const int TrackingLimit = 1_000_000;
    private readonly Dictionary<(TermId S, TermId P, TermId O), bool> _before = new();

    public bool NeedsFull { get; private set; }
    public int Count => _before.Count;
    public IReadOnlyDictionary<(TermId S, TermId P, TermId O), bool> Before => _before;

    public bool Contains(in (TermId, TermId, TermId) triple) => _before.ContainsKey(triple);

    public void Add(in (TermId, TermId, TermId) triple, bool presentBefore) => _before.TryAdd(triple, presentBefore);

    /// <summary>The logged triples whose presence now differs from the last run, with their present state.</summary>
    public IEnumerable<((TermId S, TermId P, TermId O) Triple, bool Present)> Changes(StoreDatabase database)
    {
        var key = new byte[QuadIndex.DefaultSpo.KeyLength];
        foreach (var (triple, before) in _before)
        {
            QuadIndex.DefaultSpo.WriteKey(new QuadIds(triple.S, triple.P, triple.O, TermId.DefaultGraph), key);
            bool now = database.Db.HasKey(key, database.Data);
            if (now != before) yield return (triple, now);
        }
    }

    public void MarkNeedsFull()
    {
        NeedsFull = true;
        _before.Clear();
    }

    public void Reset()
    {
        NeedsFull = false;
        _before.Clear();
    }
}
