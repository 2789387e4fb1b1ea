namespace TripleStore.Reasoning;

/// <summary>
/// An open-addressing hash map from non-negative 64-bit keys to ints, in two flat arrays (linear probing,
/// no removal). Replaces <c>Dictionary&lt;long, List&lt;int&gt;&gt;</c> in the fact table: millions of
/// entries cost two arrays instead of millions of objects the garbage collector would have to trace.
/// Reads may run in parallel; writes must not overlap with anything.
/// </summary>
internal sealed class LongIntMap
{
    private const long Empty = -1;
    private long[] _keys;
    private int[] _values;
    private int _shift;

    public LongIntMap(int capacity = 1024)
    {
        int size = 16;
        while (size < capacity * 2) size <<= 1;
        _keys = new long[size];
        Array.Fill(_keys, Empty);
        _values = new int[size];
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
    }

    public int Count { get; private set; }

    /// <summary>Fibonacci hashing: the multiply spreads packed (small, large) pairs over the high bits.</summary>
    private int Slot(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> _shift);

    // Hot for millions of calls from the first one: skip the unoptimized tier.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool TryGetValue(long key, out int value)
    {
        int mask = _keys.Length - 1;
        for (int i = Slot(key); ; i = (i + 1) & mask)
        {
            long k = _keys[i];
            if (k == key)
            {
                value = _values[i];
                return true;
            }
            if (k == Empty)
            {
                value = 0;
                return false;
            }
        }
    }

    /// <summary>Asks the processor for the slots <paramref name="key"/> probes first (a hint for batched updates).</summary>
    public void Prefetch(long key)
    {
        int i = Slot(key);
        FactStore.Prefetch(_keys, i);
        FactStore.Prefetch(_values, i);
    }

    /// <summary>The value for <paramref name="key"/>, or <paramref name="missing"/>.</summary>
    public int GetValueOrDefault(long key, int missing) => TryGetValue(key, out int value) ? value : missing;

    /// <summary>Sets the value of <paramref name="key"/>; returns the previous one, or <paramref name="missing"/>.</summary>
    // Hot for millions of calls from the first one: skip the unoptimized tier.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int Set(long key, int value, int missing)
    {
        if (key < 0) throw new ArgumentOutOfRangeException(nameof(key));
        if ((Count + 1) * 2 > _keys.Length) Grow();
        int mask = _keys.Length - 1;
        for (int i = Slot(key); ; i = (i + 1) & mask)
        {
            long k = _keys[i];
            if (k == key)
            {
                int previous = _values[i];
                _values[i] = value;
                return previous;
            }
            if (k == Empty)
            {
                _keys[i] = key;
                _values[i] = value;
                Count++;
                return missing;
            }
        }
    }

    /// <summary>Makes room for <paramref name="count"/> keys in all without growing again.</summary>
    public void EnsureCapacity(int count)
    {
        // One step to the final size: doubling step by step would fill and rehash every size on the way.
        int doublings = 0;
        while ((long)count * 2 > (long)_keys.Length << doublings) doublings++;
        if (doublings > 0) Grow(doublings);
    }

    private void Grow(int doublings = 1)
    {
        var keys = _keys;
        var values = _values;
        _keys = new long[keys.Length << doublings];
        Array.Fill(_keys, Empty);
        _values = new int[keys.Length << doublings];
        _shift -= doublings;
        int mask = _keys.Length - 1;
        for (int j = 0; j < keys.Length; j++)
        {
            if (keys[j] == Empty) continue;
            int i = Slot(keys[j]);
            while (_keys[i] != Empty) i = (i + 1) & mask;
            _keys[i] = keys[j];
            _values[i] = values[j];
        }
    }
}
