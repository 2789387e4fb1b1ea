using TripleStore.Rdf;
using TripleStore.Reasoning.Rules;

namespace TripleStore.Reasoning;

/// <summary>
/// The OWL 2 RL rules whose bodies range over RDF lists (cls-int1/2, cls-uni, cls-oo, prp-spo2, prp-key,
/// prp-adp, cax-adc, scm-int, scm-uni), turned into ordinary rules once per list found in the data: an
/// intersection of three classes becomes a three-atom join, a pairwise-disjoint list one constraint per
/// pair. The materializer re-reads the lists each iteration and evaluates a new instance over all facts.
/// </summary>
internal sealed class ListRules
{
    private const int MaxListLength = 10_000;
    private readonly Func<Term, int> _constant;
    private readonly IReadOnlySet<string> _enabled;

    public ListRules(Func<Term, int> constant, IReadOnlySet<string> enabled)
    {
        _constant = constant;
        _enabled = enabled;
    }

    private static readonly Iri Type = RdfVocabulary.Type;
    private static Iri Owl(string local) => new("http://www.w3.org/2002/07/owl#" + local);
    private static readonly Iri SubClassOf = new("http://www.w3.org/2000/01/rdf-schema#subClassOf");

    /// <summary>The predicates whose facts decide which instances exist.</summary>
    public static readonly Iri[] ShapePredicates =
    [
        RdfVocabulary.First, RdfVocabulary.Rest, Owl("intersectionOf"), Owl("unionOf"), Owl("oneOf"),
        Owl("propertyChainAxiom"), Owl("hasKey"), Owl("members"), Owl("distinctMembers"),
    ];

    public List<CompiledRule> Instantiate(FactStore store)
    {
        var rules = new List<CompiledRule>();
        int type = _constant(Type), sco = _constant(SubClassOf), sameAs = _constant(Owl("sameAs"));
        foreach (var (c, list) in Lists(store, "intersectionOf"))
        {
            if (On("cls-int1") && list.Count > 0) rules.Add(Rule("cls-int1", list.SelectMany(ci => new[] { V(0), type, ci }).ToArray(), [V(0), type, c], 1));
            if (On("cls-int2")) rules.Add(Rule("cls-int2", [V(0), type, c], list.SelectMany(ci => new[] { V(0), type, ci }).ToArray(), 1));
            if (On("scm-int")) rules.Add(Rule("scm-int", [], list.SelectMany(ci => new[] { c, sco, ci }).ToArray(), 0));
        }
        foreach (var (c, list) in Lists(store, "unionOf"))
        {
            if (On("cls-uni")) foreach (var ci in list) rules.Add(Rule("cls-uni", [V(0), type, ci], [V(0), type, c], 1));
            if (On("scm-uni")) rules.Add(Rule("scm-uni", [], list.SelectMany(ci => new[] { ci, sco, c }).ToArray(), 0));
        }
        if (On("cls-oo"))
            foreach (var (c, list) in Lists(store, "oneOf"))
                rules.Add(Rule("cls-oo", [], list.SelectMany(y => new[] { y, type, c }).ToArray(), 0));
        if (On("prp-spo2"))
            foreach (var (p, chain) in Lists(store, "propertyChainAxiom"))
            {
                if (chain.Count == 0) continue;
                var body = chain.SelectMany((pi, i) => new[] { V(i), pi, V(i + 1) }).ToArray();
                rules.Add(Rule("prp-spo2", body, [V(0), p, V(chain.Count)], chain.Count + 1));
            }
        if (On("prp-key"))
            foreach (var (c, keys) in Lists(store, "hasKey"))
            {
                // ?x and ?y share a value ?zi for every key property; x = V0, y = V1, zi = V(2+i).
                var body = new List<int> { V(0), type, c, V(1), type, c };
                for (int i = 0; i < keys.Count; i++) body.AddRange([V(0), keys[i], V(2 + i), V(1), keys[i], V(2 + i)]);
                rules.Add(Rule("prp-key", [.. body], [V(0), sameAs, V(1)], 2 + keys.Count));
            }
        foreach (var (node, members) in Lists(store, "members"))
        {
            bool classes = store.Contains(new Fact(node, type, _constant(Owl("AllDisjointClasses"))));
            bool properties = store.Contains(new Fact(node, type, _constant(Owl("AllDisjointProperties"))));
            for (int i = 0; i < members.Count; i++)
                for (int j = i + 1; j < members.Count; j++)
                {
                    if (classes && On("cax-adc"))
                        rules.Add(Constraint("cax-adc", [V(0), type, members[i], V(0), type, members[j]], 1, "an individual is a member of two classes declared pairwise disjoint"));
                    if (properties && On("prp-adp"))
                        rules.Add(Constraint("prp-adp", [V(0), members[i], V(1), V(0), members[j], V(1)], 2, "two properties declared pairwise disjoint relate the same pair"));
                }
        }
        return rules;
    }

    /// <summary>The member lists of owl:AllDifferent nodes (owl:members or owl:distinctMembers), for eq-diff2/3.</summary>
    public IEnumerable<(string Rule, IReadOnlyList<int> Members)> DifferentLists(FactStore store)
    {
        int type = _constant(Type), allDifferent = _constant(Owl("AllDifferent"));
        foreach (var (node, members) in Lists(store, "members"))
            if (store.Contains(new Fact(node, type, allDifferent))) yield return ("eq-diff2", members);
        foreach (var (node, members) in Lists(store, "distinctMembers"))
            if (store.Contains(new Fact(node, type, allDifferent))) yield return ("eq-diff3", members);
    }

    private bool On(string rule) => _enabled.Contains(rule);

    private static int V(int index) => CompiledRule.Variable(index);

    private static CompiledRule Rule(string name, int[] body, int[] head, int variables) => new(name, body, head, false, "", variables);

    private static CompiledRule Constraint(string name, int[] body, int variables, string message) => new(name, body, [], true, message, variables);

    private IEnumerable<(int Owner, IReadOnlyList<int> List)> Lists(FactStore store, string owlProperty)
    {
        foreach (var (owner, head) in store.Pairs(_constant(Owl(owlProperty))))
        {
            var list = ReadList(store, head);
            if (list is not null) yield return (owner, list);
        }
    }

    /// <summary>The items of a well-formed list; null for a malformed or cyclic one (it instantiates nothing).</summary>
    private List<int>? ReadList(FactStore store, int head)
    {
        int first = _constant(RdfVocabulary.First), rest = _constant(RdfVocabulary.Rest), nil = _constant(RdfVocabulary.Nil);
        var items = new List<int>();
        var seen = new HashSet<int>();
        for (int node = head; node != nil;)
        {
            if (!seen.Add(node) || items.Count > MaxListLength) return null;
            var value = store.Objects(first, node);
            var next = store.Objects(rest, node);
            if (value.Count != 1 || next.Count != 1) return null;
            items.Add(value[0]);
            node = next[0];
        }
        return items;
    }
}
