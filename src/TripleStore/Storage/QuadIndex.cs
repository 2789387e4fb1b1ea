namespace TripleStore.Storage;

/// <summary>
/// One ordering of quads in the keyspace. <see cref="Order"/> lists the quad positions
/// (0 subject, 1 predicate, 2 object, 3 graph) in key order. Every combination of bound positions is a
/// key prefix of some index in each family, so every pattern is a single range scan.
/// </summary>
internal sealed class QuadIndex
{
    public const int Subject = 0, Predicate = 1, Object = 2, Graph = 3;

    private QuadIndex(KeySection section, params int[] order)
    {
        Section = section;
        Order = order;
        IsNamed = order.Length == 4;
        KeyLength = 1 + order.Length * TermId.Size;
    }

    public KeySection Section { get; }
    public int[] Order { get; }
    public bool IsNamed { get; }
    public int KeyLength { get; }

    public static readonly QuadIndex DefaultSpo = new(KeySection.DefaultSpo, Subject, Predicate, Object);
    public static readonly QuadIndex DefaultPos = new(KeySection.DefaultPos, Predicate, Object, Subject);
    public static readonly QuadIndex DefaultOsp = new(KeySection.DefaultOsp, Object, Subject, Predicate);
    public static readonly QuadIndex NamedSpog = new(KeySection.NamedSpog, Subject, Predicate, Object, Graph);
    public static readonly QuadIndex NamedPosg = new(KeySection.NamedPosg, Predicate, Object, Subject, Graph);
    public static readonly QuadIndex NamedOspg = new(KeySection.NamedOspg, Object, Subject, Predicate, Graph);
    public static readonly QuadIndex NamedGspo = new(KeySection.NamedGspo, Graph, Subject, Predicate, Object);
    public static readonly QuadIndex NamedGpos = new(KeySection.NamedGpos, Graph, Predicate, Object, Subject);
    public static readonly QuadIndex NamedGosp = new(KeySection.NamedGosp, Graph, Object, Subject, Predicate);

    /// <summary>The derived family's premise-only facts (<see cref="KeySection.DerivedPremise"/>).</summary>
    public static readonly QuadIndex DerivedPremises = new(KeySection.DerivedPremise, Subject, Predicate, Object);

    /// <summary>The indexes of the default graph; the first is the one that decides whether a triple exists.</summary>
    public static readonly QuadIndex[] DefaultGraph = [DefaultSpo, DefaultPos, DefaultOsp];

    /// <summary>The indexes of named graphs; GSPO first, as it decides whether a quad exists.</summary>
    public static readonly QuadIndex[] NamedGraphs = [NamedGspo, NamedSpog, NamedPosg, NamedOspg, NamedGpos, NamedGosp];

    /// <summary>Writes the key of <paramref name="quad"/> (ids in s, p, o, g order) into <paramref name="key"/>.</summary>
    public void WriteKey(in QuadIds quad, Span<byte> key)
    {
        key[0] = (byte)Section;
        for (int i = 0; i < Order.Length; i++)
            quad[Order[i]].Write(key.Slice(1 + i * TermId.Size, TermId.Size));
    }

    /// <summary>Reads a key of this index back into ids in s, p, o, g order.</summary>
    public QuadIds ReadKey(ReadOnlySpan<byte> key)
    {
        var quad = new QuadIds();
        for (int i = 0; i < Order.Length; i++)
            quad[Order[i]] = TermId.Read(key.Slice(1 + i * TermId.Size, TermId.Size));
        return quad;
    }

    /// <summary>Rearranges ids from s, p, o, g order into this index's key order (for sorting).</summary>
    public QuadIds Permute(in QuadIds quad)
    {
        var permuted = new QuadIds();
        for (int i = 0; i < Order.Length; i++) permuted[i] = quad[Order[i]];
        return permuted;
    }

    /// <summary>Rearranges the s, p, o ids of a default-graph quad into this (default-graph) index's key order.</summary>
    public TripleIds PermuteTriple(in QuadIds quad) => new(quad[Order[0]], quad[Order[1]], quad[Order[2]]);

    /// <summary>Writes a (default-graph) key from ids already in this index's key order.</summary>
    public void WritePermutedKey(in TripleIds permuted, Span<byte> key)
    {
        key[0] = (byte)Section;
        permuted[0].Write(key.Slice(1, TermId.Size));
        permuted[1].Write(key.Slice(1 + TermId.Size, TermId.Size));
        permuted[2].Write(key.Slice(1 + 2 * TermId.Size, TermId.Size));
    }

    /// <summary>Writes a key from ids already in this index's key order.</summary>
    public void WritePermutedKey(in QuadIds permuted, Span<byte> key)
    {
        key[0] = (byte)Section;
        for (int i = 0; i < Order.Length; i++)
            permuted[i].Write(key.Slice(1 + i * TermId.Size, TermId.Size));
    }

    /// <summary>
    /// The index of <paramref name="family"/> whose key starts with the most bound positions, and how
    /// many leading positions are bound.
    /// </summary>
    public static (QuadIndex Index, int BoundPrefix) Choose(QuadIndex[] family, bool s, bool p, bool o, bool g)
    {
        QuadIndex best = family[0];
        int bestLength = -1;
        foreach (var index in family)
        {
            int length = 0;
            while (length < index.Order.Length && IsBound(index.Order[length], s, p, o, g)) length++;
            if (length > bestLength)
            {
                best = index;
                bestLength = length;
            }
        }
        return (best, bestLength);
    }

    private static bool IsBound(int position, bool s, bool p, bool o, bool g) => position switch
    {
        Subject => s,
        Predicate => p,
        Object => o,
        _ => g,
    };

    public override string ToString() => Section.ToString();
}
