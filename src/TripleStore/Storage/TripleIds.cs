using System.Runtime.CompilerServices;

namespace TripleStore.Storage;

/// <summary>
/// Three term ids of a default-graph triple: subject, predicate, object, or the same ids permuted into
/// some default-graph index's key order. The import sorts these 48-byte records instead of 64-byte
/// <see cref="QuadIds"/> whose graph id would always be zero.
/// </summary>
[InlineArray(3)]
internal struct TripleIds : IEquatable<TripleIds>
{
    private TermId _first;

    public TripleIds(TermId first, TermId second, TermId third)
    {
        this[0] = first;
        this[1] = second;
        this[2] = third;
    }

    public readonly bool Equals(TripleIds other) => this[0] == other[0] && this[1] == other[1] && this[2] == other[2];

    public override readonly bool Equals(object? obj) => obj is TripleIds other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(this[0], this[1], this[2]);

    public static int Compare(in TripleIds a, in TripleIds b)
    {
        for (int i = 0; i < 3; i++)
        {
            int c = a[i].CompareTo(b[i]);
            if (c != 0) return c;
        }
        return 0;
    }
}
