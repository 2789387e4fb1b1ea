namespace TripleStore.Reasoning;

/// <summary>
/// The property hierarchy of one semi-naive iteration, closed: for each property p, every (q, flipped) such
/// that a fact <c>x p y</c> entails <c>x q y</c> (or <c>y q x</c> when flipped) through a path of the
/// sub-property (prp-spo1, rdfs7), equivalent-property (prp-eqp1/2), inverse (prp-inv1/2) and symmetric
/// (prp-symp) facts held when the iteration is planned, each step by its rule (only the rules that are on).
/// A rule deriving <c>x p y</c> then emits the whole set at once (<see cref="DerivationBuffer"/>), and the
/// types the facts' domains and ranges give (prp-dom, prp-rng), which is what those rules would add over the
/// next iterations one step each. Every fact entering the store this way already carries these conclusions
/// as of planning time, so the next iteration need not drive those rules with the new facts as their
/// instance atom (<see cref="Reasoner"/>): those matches were emitted here. Everything emitted is entailed
/// (the rules applied along a path), so the closure is the same set.
/// </summary>
internal sealed class PropertyClosure
{
    /// <summary>Above this many entailed forms of one property, or this many in all, no closure is built.</summary>
    private const int ReachLimit = 1024, TotalLimit = 1 << 18;

    private readonly Dictionary<int, (int Property, bool Flipped)[]> _of;

    private PropertyClosure(Dictionary<int, (int, bool)[]> of, bool typeDomains, bool typeRanges)
    {
        _of = of;
        TypeDomains = typeDomains;
        TypeRanges = typeRanges;
    }

    /// <summary>Whether emitted facts also get their subject's domain types (prp-dom on).</summary>
    public bool TypeDomains { get; }

    /// <summary>Whether emitted facts also get their object's range types (prp-rng on).</summary>
    public bool TypeRanges { get; }

    /// <summary>The other forms a fact with predicate <paramref name="p"/> entails, or null when none.</summary>
    public (int Property, bool Flipped)[]? Of(int p) => _of.GetValueOrDefault(p);

    /// <summary>Whether some property has other forms.</summary>
    public bool IsEmpty => _of.Count == 0;

    /// <param name="same">Edges (p, q): <c>x p y</c> entails <c>x q y</c>.</param>
    /// <param name="flipped">Edges (p, q): <c>x p y</c> entails <c>y q x</c>.</param>
    /// <returns>Null when the closure is too large.</returns>
    public static PropertyClosure? Build(IEnumerable<(int P, int Q)> same, IEnumerable<(int P, int Q)> flipped, bool typeDomains, bool typeRanges)
    {
        var edges = new Dictionary<int, List<(int, bool)>>();
        void Edge(int p, int q, bool flip)
        {
            if (!edges.TryGetValue(p, out var list)) edges[p] = list = new List<(int, bool)>();
            list.Add((q, flip));
        }
        foreach (var (p, q) in same) Edge(p, q, false);
        foreach (var (p, q) in flipped) Edge(p, q, true);
        var of = new Dictionary<int, (int, bool)[]>();
        long total = 0;
        var seen = new HashSet<(int, bool)>();
        var stack = new Stack<(int, bool)>();
        foreach (int start in edges.Keys)
        {
            seen.Clear();
            seen.Add((start, false));
            stack.Push((start, false));
            while (stack.Count > 0)
            {
                var (at, flip) = stack.Pop();
                if (!edges.TryGetValue(at, out var next)) continue;
                foreach (var (q, f) in next)
                    if (seen.Add((q, flip ^ f))) stack.Push((q, flip ^ f));
            }
            seen.Remove((start, false));
            if (seen.Count == 0) continue;
            total += seen.Count;
            if (seen.Count > ReachLimit || total > TotalLimit) return null;
            of[start] = [.. seen];
        }
        return new PropertyClosure(of, typeDomains, typeRanges);
    }
}
