using TripleStore.Rdf;
using TripleStore.Reasoning.Rules;

namespace TripleStore.Reasoning;

/// <summary>
/// The delta rows an atom drives, when the delta is large and the atom selects few of its predicate's facts.
/// After the first round of a run from scratch the delta is mostly type facts (647,029 of 859,873 on
/// LUBM(10)), and atoms such as <c>?c rdf:type owl:Class</c>, <c>?p rdf:type owl:TransitiveProperty</c> or
/// <c>?x rdf:type ?c1</c> with <c>?c1 owl:equivalentClass ?c2</c> would each take every one of them as a
/// driving row, only to fail on the object. Their rows are read from the store's object lists instead,
/// which run newest row first, so the delta's rows are a prefix of each.
/// </summary>
internal sealed partial class Reasoner
{
    /// <summary>
    /// Below this many delta rows of the atom's predicate the grouped rows are used as they are (a fixed size;
    /// tests lower it so that small inputs take the object lists too).
    /// </summary>
    internal int ObjectListMinimum { get; set; } = 4 * ChunkSize;

    /// <summary>Above this many values of the atom's object the grouped rows are used as they are.</summary>
    private const int ObjectValuesLimit = 256;

    /// <summary>
    /// The rows of <paramref name="grouped"/> (the delta rows of atom <paramref name="atom"/>'s predicate, from
    /// <see cref="Matching"/>) that can match the atom, read from the object lists when its predicate is a
    /// constant and its object a constant or a variable another atom binds to few values; else
    /// <paramref name="grouped"/>. The delta is the live rows [<paramref name="from"/>, <paramref name="to"/>).
    /// </summary>
    private List<int> DeltaRowsByObject(CompiledRule rule, int atom, List<int> grouped, int from, int to)
    {
        if (grouped.Count < ObjectListMinimum) return grouped;
        var body = rule.Body;
        int at = atom * 3, s = body[at], p = body[at + 1], o = body[at + 2];
        if (p < 0 || (o < 0 && o == s)) return grouped;
        IReadOnlyCollection<int>? objects = o >= 0 ? [o] : ValuesFromOtherAtoms(rule, o, atom);
        if (objects is null || objects.Count > ObjectValuesLimit) return grouped;
        var rows = new List<int>();
        foreach (int value in objects)
            for (int row = Store.FirstWithObject(p, value); row >= from; row = Store.NextWithObject(row))
                if (row < to && Store.IsLive(row)) rows.Add(row);
        return rows;
    }

    /// <summary>
    /// The values variable <paramref name="variable"/> can take by an atom other than <paramref name="except"/>
    /// that has a constant predicate and the variable as subject or object (every fact of it held, old or new);
    /// null when no such atom binds it.
    /// </summary>
    private HashSet<int>? ValuesFromOtherAtoms(CompiledRule rule, int variable, int except)
    {
        var body = rule.Body;
        int best = -1;
        for (int a = 0; a < rule.BodyAtoms; a++)
        {
            int at = a * 3, s = body[at], p = body[at + 1], o = body[at + 2];
            if (a == except || p < 0 || (s != variable && o != variable) || s == o) continue;
            if (best < 0 || Store.PredicateCount(p) < Store.PredicateCount(body[best * 3 + 1])) best = a;
        }
        if (best < 0 || Store.PredicateCount(body[best * 3 + 1]) > OtherAtomFactsLimit) return null;
        int bs = body[best * 3], bp = body[best * 3 + 1], bo = body[best * 3 + 2];
        var values = new HashSet<int>();
        if (bs == variable)
        {
            if (bo >= 0) values.UnionWith(Store.Subjects(bp, bo));
            else foreach (var (subject, _) in Store.Pairs(bp)) values.Add(subject);
        }
        else if (bs >= 0) values.UnionWith(Store.Objects(bp, bs));
        else foreach (var (_, obj) in Store.Pairs(bp)) values.Add(obj);
        return values;
    }

    /// <summary>Above this many facts of the binding atom's predicate its values are not collected.</summary>
    private const int OtherAtomFactsLimit = 16_384;

    /// <summary>
    /// True for the type atom of cax-eqc1/cax-eqc2 (<c>?c1 owl:equivalentClass ?c2 . ?x rdf:type ?c1</c>) when the
    /// delta's type facts came with their superclasses on a hierarchy that held every equivalentClass fact older
    /// than the delta in both directions (scm-eqc1 on): then each match's conclusion came with its type fact.
    /// </summary>
    private bool EquivalentClassTypingEmitted(CompiledRule rule, int atom)
    {
        if (!_deltaExpanded || Profile != ReasoningProfile.Owl2Rl || !Rules.Contains("scm-eqc1")) return false;
        if (rule.Name is not ("cax-eqc1" or "cax-eqc2") || rule.BodyAtoms != 2 || atom != 1 || rule.Head.Length != 3) return false;
        var body = rule.Body;
        int type = Constant(RdfVocabulary.Type), equivalentClass = Constant(new Iri(Owl + "equivalentClass"));
        // ?c1 equivalentClass ?c2 . ?x type ?cN -> ?x type ?cM, with {cN, cM} = {c1, c2}.
        return body[1] == equivalentClass && body[0] < 0 && body[2] < 0 && body[0] != body[2] && body[4] == type
            && (body[5] == body[0] || body[5] == body[2]) && rule.Head[1] == type && rule.Head[0] == body[3]
            && rule.Head[2] == (body[5] == body[0] ? body[2] : body[0]);
    }
}
