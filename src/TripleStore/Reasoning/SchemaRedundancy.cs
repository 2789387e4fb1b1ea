using TripleStore.Reasoning.Rules;

namespace TripleStore.Reasoning;

/// <summary>
/// Tells which new schema facts need not drive the instance rules of a semi-naive iteration, because
/// what they would derive is derived anyway through a strictly more specific schema fact and the class
/// hierarchy. The schema rules add such facts late (scm-dom1 makes <c>p rdfs:domain D</c> out of
/// <c>p rdfs:domain C</c> and <c>C rdfs:subClassOf D</c>; scm-sco adds the transitive subclass facts), and
/// each one, as the driving atom, joins every instance fact of its property or class again only to
/// re-derive types cax-sco has already derived or is deriving:
/// <list type="bullet">
/// <item><c>p rdfs:domain D</c> (prp-dom, rdfs2) when the store holds <c>p rdfs:domain C</c> with C strictly
/// below D: every <c>x rdf:type D</c> it gives follows from <c>x rdf:type C</c> by cax-sco; likewise
/// rdfs:range (prp-rng, rdfs3);</item>
/// <item><c>C rdfs:subClassOf E</c> (cax-sco, rdfs9) when the store holds <c>C rdfs:subClassOf D</c> with
/// C strictly below D strictly below E: <c>x rdf:type E</c> follows from <c>x rdf:type D</c>.</item>
/// </list>
/// "Strictly below" is judged on the reachability of the subclass facts held when the iteration is
/// planned (D reachable from C, C not from D), so equivalent classes never justify each other, and since
/// facts only accumulate during a fixpoint, the chains of justifications cannot loop back: every skipped
/// match ends at one that was evaluated, then cax-sco carries the type upward (scm-sco makes the
/// hierarchy transitive). Hence it only applies when both cax-sco and scm-sco (rdfs9 and rdfs11) are
/// among the rules. The facts still join as non-driving atoms, and a merge of equivalence classes
/// (which changes the hierarchy) makes the reasoner drive from the skipped facts again.
/// </summary>
internal sealed class SchemaRedundancy
{
    /// <summary>Above this many classes reachable from one class, a class is treated as having no strict order (no skip).</summary>
    private const int ReachLimit = 4096;

    private readonly FactStore _store;
    private readonly int _subClassOf;
    private readonly Dictionary<int, HashSet<int>?> _reach = new();

    public SchemaRedundancy(FactStore store, int subClassOf)
    {
        _store = store;
        _subClassOf = subClassOf;
    }

    /// <summary>Driving rows skipped so far.</summary>
    public int Skipped { get; private set; }

    /// <summary>The schema atom (atom 0) of a rule this applies to, as (kind); null when the rule is not one.</summary>
    public static Kind? KindOf(CompiledRule rule, int domain, int range, int subClassOf)
    {
        var body = rule.Body;
        if (rule.IsConstraint || rule.BodyAtoms != 2 || rule.Head.Length != 3) return null;
        int p = body[1];
        return rule.Name switch
        {
            "prp-dom" or "rdfs2" when p == domain => Kind.Domain,
            "prp-rng" or "rdfs3" when p == range => Kind.Range,
            "cax-sco" or "rdfs9" when p == subClassOf => Kind.SubClass,
            _ => null,
        };
    }

    public enum Kind { Domain, Range, SubClass }

    /// <summary>
    /// The rows of <paramref name="rows"/> (facts of atom 0 of a rule of <paramref name="kind"/>) that must
    /// still drive; the skipped facts are added to <paramref name="skipped"/>.
    /// </summary>
    public List<int> Filter(Kind kind, List<int> rows, ISet<Fact> skipped)
    {
        List<int>? kept = null;
        for (int i = 0; i < rows.Count; i++)
        {
            var fact = _store.At(rows[i]);
            bool redundant = kind == Kind.SubClass ? RedundantSubClass(fact.S, fact.O) : RedundantTyping(fact.P, fact.S, fact.O);
            if (redundant)
            {
                if (kept is null)
                {
                    kept = new List<int>(rows.Count);
                    for (int j = 0; j < i; j++) kept.Add(rows[j]);
                }
                skipped.Add(fact);
                Skipped++;
            }
            else kept?.Add(rows[i]);
        }
        return kept ?? rows;
    }

    /// <summary>p (domain|range) d is redundant when p has another (domain|range) c strictly below d.</summary>
    private bool RedundantTyping(int predicate, int p, int d)
    {
        for (int row = _store.FirstWithSubject(predicate, p); row >= 0; row = _store.NextWithSubject(row))
        {
            if (!_store.IsLive(row)) continue;
            int c = _store.ObjectAt(row);
            if (c != d && StrictlyBelow(c, d)) return true;
        }
        return false;
    }

    /// <summary>c subClassOf e is redundant when c has a superclass d with c strictly below d strictly below e.</summary>
    private bool RedundantSubClass(int c, int e)
    {
        if (c == e) return false;
        for (int row = _store.FirstWithSubject(_subClassOf, c); row >= 0; row = _store.NextWithSubject(row))
        {
            if (!_store.IsLive(row)) continue;
            int d = _store.ObjectAt(row);
            if (d == c || d == e) continue;
            if (StrictlyBelow(c, d) && StrictlyBelow(d, e)) return true;
        }
        return false;
    }

    /// <summary>True when b is reachable from a over subclass facts and a is not reachable from b.</summary>
    internal bool StrictlyBelow(int a, int b)
    {
        var fromA = Reach(a);
        if (fromA is null || !fromA.Contains(b)) return false;
        var fromB = Reach(b);
        return fromB is not null && !fromB.Contains(a);
    }

    /// <summary>The classes reachable from <paramref name="start"/> by one or more subclass facts (null when too many).</summary>
    private HashSet<int>? Reach(int start)
    {
        if (_reach.TryGetValue(start, out var known)) return known;
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            int at = stack.Pop();
            for (int row = _store.FirstWithSubject(_subClassOf, at); row >= 0; row = _store.NextWithSubject(row))
            {
                if (!_store.IsLive(row)) continue;
                int next = _store.ObjectAt(row);
                if (!seen.Add(next)) continue;
                if (seen.Count > ReachLimit)
                {
                    _reach[start] = null;
                    return null;
                }
                stack.Push(next);
            }
        }
        _reach[start] = seen;
        return seen;
    }
}
