using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TripleStore.Formats.Text;

/// <summary>
/// A direct-mapped cache from token text to an already built term, looked up by span, so that a repeated
/// IRI costs one hash and one comparison instead of a string, a validation and an object. A slot holds
/// the last token that hashed to it: real data repeats a working set of IRIs, a fixed size keeps memory
/// flat on any input, and unlike a hash table it cannot be slowed down by colliding keys.
/// </summary>
internal sealed class TermCache<T> where T : class
{
    private readonly string?[] _keys;
    private readonly T?[] _values;
    // A slot counts only when stamped with the current generation, so clearing is O(1) even for a
    // document that changes its base before every statement.
    private readonly uint[] _stamps;
    private uint _generation = 1;
    private readonly int _mask;

    public TermCache(int slots = 1 << 14)
    {
        if (!BitOperations.IsPow2(slots)) throw new ArgumentException("The slot count must be a power of two.", nameof(slots));
        _keys = new string?[slots];
        _values = new T?[slots];
        _stamps = new uint[slots];
        _mask = slots - 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(ReadOnlySpan<char> key, out T value)
    {
        int slot = Hash(key) & _mask;
        var k = _keys[slot];
        if (k is not null && _stamps[slot] == _generation && key.SequenceEqual(k))
        {
            value = _values[slot]!;
            return true;
        }
        value = null!;
        return false;
    }

    public void Add(string key, T value)
    {
        int slot = Hash(key) & _mask;
        _keys[slot] = key;
        _values[slot] = value;
        _stamps[slot] = _generation;
    }

    public void Clear()
    {
        if (++_generation != 0) return;
        // After 2^32 clears the stamps would repeat: start over for real.
        Array.Clear(_keys);
        Array.Clear(_values);
        Array.Clear(_stamps);
        _generation = 1;
    }

    /// <summary>A fast non-cryptographic hash over 8 bytes at a time; collisions only cost a cache miss.</summary>
    private static int Hash(ReadOnlySpan<char> text)
    {
        var bytes = MemoryMarshal.AsBytes(text);
        ulong h = (ulong)bytes.Length * 0x9E3779B97F4A7C15UL;
        ref byte start = ref MemoryMarshal.GetReference(bytes);
        int i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
            h = BitOperations.RotateLeft((h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i))) * 0x100000001B3UL, 29);
        for (; i < bytes.Length; i++)
            h = (h ^ Unsafe.Add(ref start, i)) * 0x100000001B3UL;
        h ^= h >> 32;
        h *= 0xD6E8FEB86659FD93UL;
        return (int)(h >> 32);
    }
}
