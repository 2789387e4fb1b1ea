using System.Runtime.CompilerServices;

namespace TripleStore.Storage;

/// <summary>
/// Four term ids: subject, predicate, object, graph (the default graph is <see cref="TermId.DefaultGraph"/>),
/// or the same ids permuted into some index's key order. Sorting them sorts the keys they make.
/// </summary>
[InlineArray(4)]
internal struct QuadIds : IEquatable<QuadIds>
{
    private TermId _first;

    public QuadIds(TermId subject, TermId predicate, TermId @object, TermId graph)
    {
        this[0] = subject;
        this[1] = predicate;
        this[2] = @object;
        this[3] = graph;
    }

    public readonly bool Equals(QuadIds other) =>
        this[0] == other[0] && this[1] == other[1] && this[2] == other[2] && this[3] == other[3];

    public override readonly bool Equals(object? obj) => obj is QuadIds other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(this[0], this[1], this[2], this[3]);

    public static int Compare(in QuadIds a, in QuadIds b)
    {
        for (int i = 0; i < 4; i++)
        {
            int c = a[i].CompareTo(b[i]);
            if (c != 0) return c;
        }
        return 0;
    }
}

/// <summary>Orders <see cref="QuadIds"/> as their key bytes order; a struct so sorts inline it.</summary>
internal readonly struct QuadIdsComparer : IComparer<QuadIds>
{
    public int Compare(QuadIds a, QuadIds b) => QuadIds.Compare(a, b);
}
