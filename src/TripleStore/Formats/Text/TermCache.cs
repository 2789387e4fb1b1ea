namespace TripleStore.Formats.Text;

/// <summary>
/// A bounded map from token text to an already built term, looked up by span so that a repeated IRI
/// costs a hash lookup instead of a string, a validation and an object. When it fills up it starts
/// over: real data repeats a small working set of IRIs, and a bound keeps memory flat on any input.
/// </summary>
internal sealed class TermCache<T> where T : class
{
    private readonly Dictionary<string, T> _map = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _capacity;

    public TermCache(int capacity = 16_384)
    {
        _capacity = capacity;
        _lookup = _map.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool TryGet(ReadOnlySpan<char> key, out T value) => _lookup.TryGetValue(key, out value!);

    public void Add(string key, T value)
    {
        if (_map.Count >= _capacity) _map.Clear();
        _map[key] = value;
    }

    public void Clear() => _map.Clear();
}
