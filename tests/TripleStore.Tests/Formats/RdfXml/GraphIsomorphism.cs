using TripleStore.Rdf;

namespace TripleStore.Tests.Formats.RdfXml;

/// <summary>Graph equality up to the renaming of blank nodes, by backtracking over candidate mappings.</summary>
internal static class GraphIsomorphism
{
    public static bool AreIsomorphic(IReadOnlyCollection<Triple> a, IReadOnlyCollection<Triple> b)
    {
        var setA = a.ToHashSet();
        var setB = b.ToHashSet();
        if (setA.Count != setB.Count) return false;
        var groundA = setA.Where(IsGround).ToHashSet();
        var groundB = setB.Where(IsGround).ToHashSet();
        if (!groundA.SetEquals(groundB)) return false;
        var restA = setA.Where(t => !IsGround(t)).ToList();
        var restB = setB.Where(t => !IsGround(t)).ToHashSet();
        if (restA.Count != restB.Count) return false;
        return Match(restA, 0, restB, new Dictionary<BlankNode, BlankNode>(), new HashSet<BlankNode>());
    }

    private static bool IsGround(Triple t) => !t.Subject.IsBlankNode && !t.Object.IsBlankNode;

    private static bool Match(List<Triple> pending, int index, HashSet<Triple> target, Dictionary<BlankNode, BlankNode> map, HashSet<BlankNode> used)
    {
        if (index == pending.Count) return true;
        var t = pending[index];
        foreach (var candidate in target)
        {
            if (candidate.Predicate != t.Predicate) continue;
            var added = new List<BlankNode>();
            if (Bind(t.Subject, candidate.Subject, map, used, added) && Bind(t.Object, candidate.Object, map, used, added)
                && Match(pending, index + 1, target, map, used))
                return true;
            foreach (var n in added) { used.Remove(map[n]); map.Remove(n); }
        }
        return false;
    }

    private static bool Bind(Term from, Term to, Dictionary<BlankNode, BlankNode> map, HashSet<BlankNode> used, List<BlankNode> added)
    {
        if (from is not BlankNode bf) return from == to;
        if (to is not BlankNode bt) return false;
        if (map.TryGetValue(bf, out var existing)) return existing == bt;
        if (used.Contains(bt)) return false;
        map[bf] = bt;
        used.Add(bt);
        added.Add(bf);
        return true;
    }

    public static string Describe(IEnumerable<Triple> triples) =>
        string.Join("\n", triples.Select(t => t.ToString()).OrderBy(s => s, StringComparer.Ordinal));
}
