using TripleStore.Rdf;

namespace TripleStore.Tests.W3C;

/// <summary>
/// Decides whether two RDF datasets are the same up to blank node renaming. Blank nodes are first
/// told apart by iterated hashing of their surroundings (colour refinement); nodes the hashes cannot
/// separate are matched by backtracking, checking each partial mapping against the statements it fixes.
/// Blank nodes may stand in subject, object and graph position.
/// </summary>
public static class Isomorphism
{
    public static bool AreIsomorphic(IEnumerable<Quad> first, IEnumerable<Quad> second) =>
        TryExplainDifference(first, second) is null;

    /// <summary>Null when isomorphic, else a short reason for a test failure message.</summary>
    public static string? TryExplainDifference(IEnumerable<Quad> first, IEnumerable<Quad> second)
    {
        var a = first.ToHashSet();
        var b = second.ToHashSet();
        if (a.Count != b.Count) return $"the first has {a.Count} distinct statements, the second {b.Count}";

        var groundA = a.Where(IsGround).ToHashSet();
        var groundB = b.Where(IsGround).ToHashSet();
        var missing = groundA.FirstOrDefault(q => !groundB.Contains(q));
        if (missing != default) return $"the second lacks {missing}";
        var extra = groundB.FirstOrDefault(q => !groundA.Contains(q));
        if (extra != default) return $"the second has the extra statement {extra}";

        var restA = a.Where(q => !IsGround(q)).ToList();
        var restB = b.Where(q => !IsGround(q)).ToList();
        if (restA.Count == 0) return null;

        var hashesA = RefineHashes(restA);
        var hashesB = RefineHashes(restB);
        if (hashesA.Count != hashesB.Count)
            return $"the first has {hashesA.Count} blank nodes, the second {hashesB.Count}";
        var classesA = Classes(hashesA);
        var classesB = Classes(hashesB);
        foreach (var (hash, members) in classesA)
            if (!classesB.TryGetValue(hash, out var other) || other.Count != members.Count)
                return $"no counterpart for blank node {members[0]} and its statements";

        var matcher = new Matcher(restA, b, hashesA, classesB);
        return matcher.Solve() ? null : "the blank node structures differ";
    }

    private static bool IsGround(Quad q) => q.Subject is not BlankNode && q.Object is not BlankNode && q.Graph is not BlankNode;

    private static Dictionary<ulong, List<BlankNode>> Classes(Dictionary<BlankNode, ulong> hashes)
    {
        var classes = new Dictionary<ulong, List<BlankNode>>();
        foreach (var (node, hash) in hashes)
        {
            if (!classes.TryGetValue(hash, out var list)) classes[hash] = list = new List<BlankNode>();
            list.Add(node);
        }
        return classes;
    }

    /// <summary>Hashes each blank node from the multiset of its statements, repeatedly, until the partition stops growing.</summary>
    private static Dictionary<BlankNode, ulong> RefineHashes(List<Quad> quads)
    {
        var hashes = new Dictionary<BlankNode, ulong>();
        var byNode = new Dictionary<BlankNode, List<Quad>>();
        foreach (var q in quads)
            foreach (var t in new[] { q.Subject, q.Object, q.Graph })
                if (t is BlankNode bn)
                {
                    hashes[bn] = 1;
                    if (!byNode.TryGetValue(bn, out var list)) byNode[bn] = list = new List<Quad>();
                    if (list.Count == 0 || !list[^1].Equals(q)) list.Add(q);
                }

        int classes = 1;
        for (int round = 0; round <= hashes.Count; round++)
        {
            var next = new Dictionary<BlankNode, ulong>(hashes.Count);
            foreach (var (node, statements) in byNode)
            {
                ulong sum = 0;
                foreach (var q in statements)
                    sum += Mix(StatementHash(q, node, hashes)); // order independent
                next[node] = Mix(hashes[node] * 31 + sum);
            }
            hashes = next;
            int newClasses = hashes.Values.Distinct().Count();
            if (newClasses == classes && round > 0) break;
            classes = newClasses;
        }
        return hashes;
    }

    private static ulong StatementHash(Quad q, BlankNode self, Dictionary<BlankNode, ulong> hashes)
    {
        ulong h = TermHash(q.Subject, self, hashes, 1);
        h = h * 1_000_003 + TermHash(q.Predicate, self, hashes, 2);
        h = h * 1_000_003 + TermHash(q.Object, self, hashes, 3);
        h = h * 1_000_003 + (q.Graph is null ? 7UL : TermHash(q.Graph, self, hashes, 4));
        return h;
    }

    private static ulong TermHash(Term t, BlankNode self, Dictionary<BlankNode, ulong> hashes, ulong position)
    {
        if (t is BlankNode bn) return bn.Equals(self) ? 0x9E3779B97F4A7C15UL * position : Mix(hashes[bn] + position);
        return StableHash(t.ToString()) + position;
    }

    private static ulong StableHash(string s)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in s) h = (h ^ c) * 1099511628211UL;
        return h;
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }

    /// <summary>Backtracking search for a bijection consistent with the hash classes and all statements.</summary>
    private sealed class Matcher
    {
        private readonly List<Quad> _statements;
        private readonly HashSet<Quad> _target;
        private readonly Dictionary<BlankNode, ulong> _hashes;
        private readonly Dictionary<ulong, List<BlankNode>> _candidates;
        private readonly List<BlankNode> _order;
        private readonly Dictionary<BlankNode, BlankNode> _map = new();
        private readonly HashSet<BlankNode> _used = new();
        private readonly Dictionary<BlankNode, List<Quad>> _statementsByNode = new();

        public Matcher(List<Quad> statements, HashSet<Quad> target, Dictionary<BlankNode, ulong> hashes, Dictionary<ulong, List<BlankNode>> candidates)
        {
            _statements = statements;
            _target = target;
            _hashes = hashes;
            _candidates = candidates;
            foreach (var q in statements)
                foreach (var t in new[] { q.Subject, q.Object, q.Graph })
                    if (t is BlankNode bn)
                    {
                        if (!_statementsByNode.TryGetValue(bn, out var list)) _statementsByNode[bn] = list = new List<Quad>();
                        list.Add(q);
                    }
            // Unique classes first: they are forced, and fixing them prunes the ambiguous ones early.
            _order = hashes.Keys.OrderBy(n => candidates[hashes[n]].Count).ThenBy(n => n.Id, StringComparer.Ordinal).ToList();
        }

        public bool Solve() => Assign(0);

        private bool Assign(int index)
        {
            if (index == _order.Count) return true;
            var node = _order[index];
            foreach (var candidate in _candidates[_hashes[node]])
            {
                if (_used.Contains(candidate)) continue;
                _map[node] = candidate;
                _used.Add(candidate);
                if (Consistent(node) && Assign(index + 1)) return true;
                _map.Remove(node);
                _used.Remove(candidate);
            }
            return false;
        }

        /// <summary>Every statement of <paramref name="node"/> whose blank nodes are all mapped must exist in the target.</summary>
        private bool Consistent(BlankNode node)
        {
            foreach (var q in _statementsByNode[node])
            {
                if (!TryMap(q.Subject, out var s) || !TryMap(q.Object, out var o)) continue;
                Term? g = null;
                if (q.Graph is not null && !TryMap(q.Graph, out g)) continue;
                if (!_target.Contains(new Quad(s, q.Predicate, o, g))) return false;
            }
            return true;
        }

        private bool TryMap(Term t, out Term mapped)
        {
            if (t is BlankNode bn)
            {
                if (_map.TryGetValue(bn, out var m)) { mapped = m; return true; }
                mapped = t;
                return false;
            }
            mapped = t;
            return true;
        }
    }
}
