namespace TripleStore.Reasoning;

/// <summary>
/// The class hierarchy of one semi-naive iteration, closed: for each class C the set of classes every member
/// of C belongs to by cax-sco (C itself and every class reachable from it over the subclass facts held when
/// the iteration is planned, plus the <c>C rdfs:subClassOf Ci</c> that scm-int and scm-uni state for
/// intersections and unions), as type-mask bits plus the classes without a bit; and for each property the
/// union of those sets over its domains, and over its ranges.
/// A rule deriving <c>x rdf:type C</c> then emits x's missing types of the whole set at once
/// (<see cref="DerivationBuffer"/>), which is what cax-sco would add over the next iterations, one
/// firing per subclass fact each. Every type fact entering the store this way already carries its
/// superclasses as held at planning time, so the next iteration need not join the new type facts with the
/// old subclass facts (cax-sco driven by its type atom): those matches were emitted here. Everything emitted
/// is entailed (cax-sco applied along a path), so the closure is the same set.
/// </summary>
internal sealed class TypeClosure
{
    /// <summary>Above this many classes reachable from one class, or this many in all, no closure is built (the rules run one step at a time).</summary>
    private const int ReachLimit = 4096, TotalLimit = 1 << 20;

    /// <summary>A set of classes: bits of <see cref="TypeMasks"/> and the classes without one.</summary>
    internal sealed class ClassSet
    {
        public ulong Low, High;
        public int[] Others = [];

        /// <summary>Adds the classes of <paramref name="other"/>; true when some were new.</summary>
        public bool UnionWith(ClassSet other)
        {
            bool changed = (other.Low & ~Low) != 0 || (other.High & ~High) != 0;
            Low |= other.Low;
            High |= other.High;
            if (other.Others.Length > 0 && other.Others.Except(Others).Any())
            {
                Others = Others.Union(other.Others).ToArray();
                changed = true;
            }
            return changed;
        }

        /// <summary>Whether class <paramref name="c"/> (with bit <paramref name="bit"/>, or -1) is in the set.</summary>
        public bool Contains(int c, int bit) =>
            bit < 0 ? Array.IndexOf(Others, c) >= 0 : bit < 64 ? (Low & (1UL << bit)) != 0 : (High & (1UL << (bit - 64))) != 0;
    }

    private readonly Dictionary<int, ClassSet> _classes;
    private readonly Dictionary<int, ClassSet> _domains;
    private readonly Dictionary<int, ClassSet> _ranges;

    private TypeClosure(TypeMasks masks, Dictionary<int, ClassSet> classes, Dictionary<int, ClassSet> domains, Dictionary<int, ClassSet> ranges)
    {
        Masks = masks;
        _classes = classes;
        _domains = domains;
        _ranges = ranges;
    }

    public TypeMasks Masks { get; }
    public int Type => Masks.Type;

    /// <summary>
    /// cls-int1 instances folded into type emission: the mask words of the intersection's classes (all with a
    /// bit) and the closed set of the class it defines. A worker that claims a type for x and then finds all
    /// of one intersection's classes in x's masks emits that set too (<see cref="DerivationBuffer"/>).
    /// </summary>
    public List<(ulong Low, ulong High, ClassSet Target)> Intersections { get; } = new();

    /// <summary>The cls-int1 instances in <see cref="Intersections"/>.</summary>
    public HashSet<Rules.CompiledRule> FoldedIntersections { get; } = new();

    /// <summary>Folds <paramref name="rule"/>, an instance of cls-int1, when every class of it has a bit and its class has a closed set.</summary>
    public void FoldIntersection(Rules.CompiledRule rule)
    {
        var body = rule.Body;
        ulong low = 0, high = 0;
        for (int at = 0; at < body.Length; at += 3)
        {
            if (body[at + 1] != Type || body[at + 2] < 0) return;
            int bit = Masks.BitOf(body[at + 2]);
            if (bit < 0) return;
            if (bit < 64) low |= 1UL << bit;
            else high |= 1UL << (bit - 64);
        }
        if (rule.Head.Length != 3 || rule.Head[1] != Type || rule.Head[2] < 0 || Of(rule.Head[2]) is not { } target) return;
        if ((low | high) == 0) return;
        Intersections.Add((low, high, target));
        FoldedIntersections.Add(rule);
    }

    /// <summary>C and its superclasses; null when C has neither a bit nor a superclass (a plain membership probe then).</summary>
    public ClassSet? Of(int c) => _classes.GetValueOrDefault(c);

    /// <summary>The types the subject of a fact with predicate <paramref name="p"/> has by its domains (closed), or null.</summary>
    public ClassSet? DomainOf(int p) => _domains.GetValueOrDefault(p);

    /// <summary>The types the object of a fact with predicate <paramref name="p"/> has by its ranges (closed), or null.</summary>
    public ClassSet? RangeOf(int p) => _ranges.GetValueOrDefault(p);

    /// <summary>Whether the closed set of class <paramref name="c"/> holds <paramref name="d"/>.</summary>
    public bool ClassImplies(int c, int d) => Of(c) is { } set && set.Contains(d, Masks.BitOf(d));

    /// <summary>Whether the closed domain set of property <paramref name="p"/> holds class <paramref name="d"/>.</summary>
    public bool DomainImplies(int p, int d) => DomainOf(p) is { } set && set.Contains(d, Masks.BitOf(d));

    /// <summary>Whether the closed range set of property <paramref name="p"/> holds class <paramref name="d"/>.</summary>
    public bool RangeImplies(int p, int d) => RangeOf(p) is { } set && set.Contains(d, Masks.BitOf(d));

    /// <summary>
    /// The closure over the store's live subclass facts and <paramref name="extraEdges"/> (subclass facts other
    /// rules conclude anyway: scm-int, scm-uni, scm-cls, scm-eqc1); <paramref name="domain"/>/<paramref name="range"/>
    /// are -1 when their rule is off. A property's domain (range) set also takes in those of the properties
    /// it reaches over <paramref name="domainEdges"/> (<paramref name="rangeEdges"/>): the sub-property facts,
    /// when scm-dom2 (scm-rng2) or the sub-property rule carries them down. Syncs <paramref name="masks"/> first.
    /// Null when the hierarchy is too large to close.
    /// </summary>
    public static TypeClosure? Build(FactStore store, TypeMasks masks, int subClassOf, int domain, int range,
        IEnumerable<(int Sub, int Super)> extraEdges, IReadOnlyList<(int Sub, int Super)> domainEdges, IReadOnlyList<(int Sub, int Super)> rangeEdges)
    {
        masks.Sync(store);
        var edges = new Dictionary<int, List<int>>();
        void Edge(int sub, int super)
        {
            if (!edges.TryGetValue(sub, out var list)) edges[sub] = list = new List<int>();
            list.Add(super);
        }
        foreach (var (s, o) in store.Pairs(subClassOf)) Edge(s, o);
        foreach (var (s, o) in extraEdges) Edge(s, o);
        // Bits first for the classes of the hierarchy, so its sets are masks.
        foreach (var (sub, supers) in edges)
        {
            masks.EnsureBit(sub);
            foreach (int c in supers) masks.EnsureBit(c);
        }
        var classes = new Dictionary<int, ClassSet>();
        long total = 0;
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        foreach (int start in edges.Keys)
        {
            seen.Clear();
            seen.Add(start);
            stack.Push(start);
            while (stack.Count > 0)
            {
                int at = stack.Pop();
                if (!edges.TryGetValue(at, out var supers)) continue;
                foreach (int next in supers)
                    if (seen.Add(next)) stack.Push(next);
            }
            total += seen.Count;
            if (seen.Count > ReachLimit || total > TotalLimit) return null;
            classes[start] = SetOf(masks, seen);
        }
        for (int bit = 0; bit < masks.Classes; bit++)
        {
            int c = masks.ClassOf(bit);
            if (!classes.ContainsKey(c)) classes[c] = SetOf(masks, [c]);
        }
        return new TypeClosure(masks, classes, Union(store, domain, classes, masks, domainEdges), Union(store, range, classes, masks, rangeEdges));
    }

    private static ClassSet SetOf(TypeMasks masks, IEnumerable<int> members)
    {
        var set = new ClassSet();
        List<int>? others = null;
        foreach (int c in members)
        {
            int bit = masks.BitOf(c);
            if (bit < 0) (others ??= new List<int>()).Add(c);
            else if (bit < 64) set.Low |= 1UL << bit;
            else set.High |= 1UL << (bit - 64);
        }
        if (others is not null) set.Others = [.. others];
        return set;
    }

    private static Dictionary<int, ClassSet> Union(FactStore store, int predicate, Dictionary<int, ClassSet> classes, TypeMasks masks, IReadOnlyList<(int Sub, int Super)> propertyEdges)
    {
        var byProperty = new Dictionary<int, ClassSet>();
        if (predicate < 0) return byProperty;
        foreach (var (p, c) in store.Pairs(predicate))
        {
            if (!byProperty.TryGetValue(p, out var set)) byProperty[p] = set = new ClassSet();
            set.UnionWith(classes.GetValueOrDefault(c) ?? SetOf(masks, [c]));
        }
        // Down the sub-property facts until nothing changes (sets only grow, so this ends).
        for (bool changed = propertyEdges.Count > 0; changed;)
        {
            changed = false;
            foreach (var (sub, super) in propertyEdges)
            {
                if (sub == super || !byProperty.TryGetValue(super, out var from)) continue;
                if (!byProperty.TryGetValue(sub, out var to)) byProperty[sub] = to = new ClassSet();
                if (to.UnionWith(from)) changed = true;
            }
        }
        return byProperty;
    }
}
