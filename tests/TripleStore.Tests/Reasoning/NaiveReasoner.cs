using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Reasoning.Rules;

namespace TripleStore.Tests.Reasoning;

/// <summary>
/// The reference the materializer is checked against: every rule applied to a set of Term triples, over
/// and over, until nothing changes. No indexes beyond grouping by predicate, no semi-naive deltas, no
/// union-find: owl:sameAs is handled by eq-sym, eq-trans and eq-rep-s/p/o literally, and the list rules
/// are written out here by hand.
/// </summary>
public sealed class NaiveReasoner
{
    private const string Owl = "http://www.w3.org/2002/07/owl#";
    private static readonly Iri SameAs = new(Owl + "sameAs"), DifferentFrom = new(Owl + "differentFrom");
    private static readonly Iri Type = RdfVocabulary.Type, SubClassOf = new("http://www.w3.org/2000/01/rdf-schema#subClassOf");
    private readonly ReasoningProfile _profile;
    private readonly HashSet<string> _rules;

    public NaiveReasoner(ReasoningProfile profile, IEnumerable<string>? rules = null)
    {
        _profile = profile;
        _rules = (rules ?? RuleCatalog.DefaultNames(profile)).ToHashSet();
    }

    public HashSet<Triple> Closure { get; } = new();
    // Lists are read from the input: in the closure eq-rep-o gives a list node one rdf:first per synonym.
    private HashSet<Triple> _asserted = new();
    private ILookup<(Term, Term), Triple> _bySubject = Array.Empty<Triple>().ToLookup(t => ((Term)t.Predicate, t.Subject));
    public HashSet<string> InconsistentRules { get; } = new();

    /// <summary>The closure minus the input, keeping only triples a store can hold (as the materializer does).</summary>
    public HashSet<Triple> Derived(IEnumerable<Triple> asserted)
    {
        var input = asserted.ToHashSet();
        Run(input);
        return Closure.Where(t => !input.Contains(t) && t.Subject is not Literal
                                  && !(t.Predicate == SameAs && t.Subject == t.Object && _profile == ReasoningProfile.Owl2Rl)).ToHashSet();
    }

    public void Run(IEnumerable<Triple> asserted)
    {
        _asserted = asserted.ToHashSet();
        Closure.UnionWith(_asserted);
        var table = RuleCatalog.TableRules(_profile).Where(r => _rules.Contains(r.Name) && r.Name != "eq-diff1").ToList();
        while (true)
        {
            var byPredicate = Closure.GroupBy(t => (Term)t.Predicate).ToDictionary(g => g.Key, g => g.ToList());
            _bySubject = Closure.ToLookup(t => ((Term)t.Predicate, t.Subject));
            var found = new List<Triple>();
            foreach (var rule in table)
                foreach (var binding in Match(rule.Body, 0, new Dictionary<string, Term>(), byPredicate))
                {
                    if (rule.IsConstraint) { InconsistentRules.Add(rule.Name); continue; }
                    foreach (var head in rule.Head)
                        if (Make(head, binding) is { } t) found.Add(t);
                }
            if (_profile == ReasoningProfile.Owl2Rl)
            {
                found.AddRange(Equality(byPredicate));
                found.AddRange(ListRules(byPredicate));
            }
            int before = Closure.Count;
            Closure.UnionWith(found);
            if (Closure.Count == before) break;
        }
        if (_profile == ReasoningProfile.Owl2Rl) CheckEqualityConstraints();
    }

    private static Triple? Make(RuleAtom atom, Dictionary<string, Term> binding)
    {
        Term Value(RuleTerm t) => t.IsVariable ? binding[t.Variable!] : t.Constant!;
        // Generalized triples (a literal or blank predicate) cannot be represented and are dropped.
        return Value(atom.Predicate) is Iri p ? new Triple(Value(atom.Subject), p, Value(atom.Object)) : null;
    }

    private IEnumerable<Dictionary<string, Term>> Match(IReadOnlyList<RuleAtom> body, int index, Dictionary<string, Term> binding, Dictionary<Term, List<Triple>> byPredicate)
    {
        if (index == body.Count)
        {
            yield return new Dictionary<string, Term>(binding);
            yield break;
        }
        var atom = body[index];
        Term? Known(RuleTerm t) => t.IsVariable ? binding.GetValueOrDefault(t.Variable!) : t.Constant;
        var (p, s) = (Known(atom.Predicate), Known(atom.Subject));
        IEnumerable<Triple> candidates = p is null ? byPredicate.Values.SelectMany(l => l)
            : s is not null ? _bySubject[(p, s)]
            : byPredicate.GetValueOrDefault(p) ?? [];
        foreach (var t in candidates)
        {
            var added = new List<string>();
            if (Bind(atom.Subject, t.Subject, binding, added) && Bind(atom.Predicate, t.Predicate, binding, added) && Bind(atom.Object, t.Object, binding, added))
                foreach (var b in Match(body, index + 1, binding, byPredicate)) yield return b;
            foreach (var v in added) binding.Remove(v);
        }
    }

    private static bool Bind(RuleTerm position, Term value, Dictionary<string, Term> binding, List<string> added)
    {
        if (!position.IsVariable) return position.Constant!.Equals(value);
        if (binding.TryGetValue(position.Variable!, out var bound)) return bound.Equals(value);
        binding[position.Variable!] = value;
        added.Add(position.Variable!);
        return true;
    }

    private IEnumerable<Triple> Equality(Dictionary<Term, List<Triple>> byPredicate)
    {
        var same = byPredicate.GetValueOrDefault(SameAs) ?? [];
        foreach (var s in same)
        {
            yield return new Triple(s.Object, SameAs, s.Subject); // eq-sym
            foreach (var t in same.Where(t => t.Subject.Equals(s.Object))) yield return new Triple(s.Subject, SameAs, t.Object); // eq-trans
        }
        var replace = same.ToLookup(s => s.Subject, s => s.Object);
        foreach (var t in Closure.ToArray())
        {
            foreach (var s2 in replace[t.Subject]) yield return new Triple(s2, t.Predicate, t.Object); // eq-rep-s
            foreach (var p2 in replace[t.Predicate]) if (p2 is Iri p) yield return new Triple(t.Subject, p, t.Object); // eq-rep-p
            foreach (var o2 in replace[t.Object]) yield return new Triple(t.Subject, t.Predicate, o2); // eq-rep-o
        }
    }

    private void CheckEqualityConstraints()
    {
        var same = Closure.Where(t => t.Predicate == SameAs).Select(t => (t.Subject, t.Object)).ToHashSet();
        if (_rules.Contains("eq-diff1") && Closure.Any(t => t.Predicate == DifferentFrom && (t.Subject.Equals(t.Object) || same.Contains((t.Subject, t.Object)))))
            InconsistentRules.Add("eq-diff1");
        foreach (var (rule, property) in new[] { ("eq-diff2", "members"), ("eq-diff3", "distinctMembers") })
        {
            if (!_rules.Contains(rule)) continue;
            foreach (var t in Closure.Where(t => t.Predicate == new Iri(Owl + property)).ToArray())
            {
                if (!Closure.Contains(new Triple(t.Subject, Type, new Iri(Owl + "AllDifferent")))) continue;
                var items = List(t.Object);
                if (items is null) continue;
                for (int i = 0; i < items.Count; i++)
                    for (int j = i + 1; j < items.Count; j++)
                        if (items[i].Equals(items[j]) || same.Contains((items[i], items[j]))) InconsistentRules.Add(rule);
            }
        }
    }

    private IEnumerable<Triple> ListRules(Dictionary<Term, List<Triple>> byPredicate)
    {
        List<Triple> With(string property) => byPredicate.GetValueOrDefault(new Iri(Owl + property)) ?? [];
        HashSet<Term> Members(Term c) => (byPredicate.GetValueOrDefault(Type) ?? []).Where(t => t.Object.Equals(c)).Select(t => t.Subject).ToHashSet();
        bool On(string rule) => _rules.Contains(rule);
        foreach (var axiom in With("intersectionOf"))
        {
            var classes = List(axiom.Object);
            if (classes is null) continue;
            if (On("cls-int1") && classes.Count > 0)
                foreach (var y in classes.Select(Members).Aggregate((a, b) => { a.IntersectWith(b); return a; }))
                    yield return new Triple(y, Type, axiom.Subject);
            if (On("cls-int2"))
                foreach (var y in Members(axiom.Subject))
                    foreach (var c in classes) yield return new Triple(y, Type, c);
            if (On("scm-int")) foreach (var c in classes) yield return new Triple(axiom.Subject, SubClassOf, c);
        }
        foreach (var axiom in With("unionOf"))
        {
            var classes = List(axiom.Object);
            if (classes is null) continue;
            foreach (var c in classes)
            {
                if (On("cls-uni")) foreach (var y in Members(c)) yield return new Triple(y, Type, axiom.Subject);
                if (On("scm-uni")) yield return new Triple(c, SubClassOf, axiom.Subject);
            }
        }
        if (On("cls-oo"))
            foreach (var axiom in With("oneOf"))
                foreach (var y in List(axiom.Object) ?? []) yield return new Triple(y, Type, axiom.Subject);
        if (On("prp-spo2"))
            foreach (var axiom in With("propertyChainAxiom"))
            {
                var chain = List(axiom.Object);
                if (chain is null || chain.Count == 0 || axiom.Subject is not Iri p) continue;
                var starts = (byPredicate.GetValueOrDefault(chain[0]) ?? []).Select(t => (t.Subject, t.Object)).ToList();
                foreach (var link in chain.Skip(1))
                {
                    var step = (byPredicate.GetValueOrDefault(link) ?? []).ToLookup(t => t.Subject, t => t.Object);
                    starts = starts.SelectMany(s => step[s.Object].Select(o => (s.Subject, o))).ToList();
                }
                foreach (var (s, o) in starts) yield return new Triple(s, p, o);
            }
        if (On("prp-key"))
            foreach (var axiom in With("hasKey"))
            {
                var keys = List(axiom.Object);
                if (keys is null) continue;
                var members = Members(axiom.Subject).ToList();
                foreach (var x in members)
                    foreach (var y in members)
                        if (keys.All(k => (byPredicate.GetValueOrDefault(k) ?? []).Where(t => t.Subject.Equals(x)).Select(t => t.Object)
                                .Intersect((byPredicate.GetValueOrDefault(k) ?? []).Where(t => t.Subject.Equals(y)).Select(t => t.Object)).Any()))
                            yield return new Triple(x, SameAs, y);
            }
        foreach (var axiom in With("members"))
        {
            var items = List(axiom.Object);
            if (items is null) continue;
            if (On("cax-adc") && Closure.Contains(new Triple(axiom.Subject, Type, new Iri(Owl + "AllDisjointClasses"))))
                for (int i = 0; i < items.Count; i++)
                    for (int j = i + 1; j < items.Count; j++)
                        if (Members(items[i]).Overlaps(Members(items[j]))) InconsistentRules.Add("cax-adc");
            if (On("prp-adp") && Closure.Contains(new Triple(axiom.Subject, Type, new Iri(Owl + "AllDisjointProperties"))))
                for (int i = 0; i < items.Count; i++)
                    for (int j = i + 1; j < items.Count; j++)
                    {
                        var a = (byPredicate.GetValueOrDefault(items[i]) ?? []).Select(t => (t.Subject, t.Object)).ToHashSet();
                        if ((byPredicate.GetValueOrDefault(items[j]) ?? []).Any(t => a.Contains((t.Subject, t.Object)))) InconsistentRules.Add("prp-adp");
                    }
        }
    }

    private List<Term>? List(Term head)
    {
        var items = new List<Term>();
        var seen = new HashSet<Term>();
        for (Term node = head; !node.Equals(RdfVocabulary.Nil);)
        {
            if (!seen.Add(node)) return null;
            var first = _asserted.Where(t => t.Subject.Equals(node) && t.Predicate == RdfVocabulary.First).Select(t => t.Object).Distinct().ToList();
            var rest = _asserted.Where(t => t.Subject.Equals(node) && t.Predicate == RdfVocabulary.Rest).Select(t => t.Object).Distinct().ToList();
            if (first.Count != 1 || rest.Count != 1) return null;
            items.Add(first[0]);
            node = rest[0];
        }
        return items;
    }
}
