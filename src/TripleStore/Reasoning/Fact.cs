namespace TripleStore.Reasoning;

/// <summary>A triple over the reasoner's dense term numbers (see <see cref="TermTable"/>).</summary>
internal readonly record struct Fact(int S, int P, int O)
{
    public override int GetHashCode() => (int)((uint)S * 0x9E3779B1u ^ (uint)P * 0x85EBCA77u ^ (uint)O * 0xC2B2AE3Du);

    public override string ToString() => $"({S} {P} {O})";
}
