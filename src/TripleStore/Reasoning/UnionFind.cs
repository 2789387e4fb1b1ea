namespace TripleStore.Reasoning;

/// <summary>
/// owl:sameAs as equivalence classes over term numbers: path-compressed union by size. The representative
/// of a class is its smallest member, so the choice does not depend on the order of merges.
/// </summary>
internal sealed class UnionFind
{
    private readonly Dictionary<int, int> _parent = new();
    private readonly Dictionary<int, List<int>> _members = new();

    public bool HasMerges => _members.Count > 0;

    public int Find(int x)
    {
        if (_parent.Count == 0) return x;
        if (!_parent.TryGetValue(x, out int parent)) return x;
        int root = Find(parent);
        if (root != parent) _parent[x] = root;
        return root;
    }

    /// <summary>Merges the classes of a and b; false when they were already one.</summary>
    public bool Union(int a, int b)
    {
        int ra = Find(a), rb = Find(b);
        if (ra == rb) return false;
        if (rb < ra) (ra, rb) = (rb, ra);
        _parent[rb] = ra;
        var into = MembersList(ra);
        into.AddRange(MembersList(rb));
        _members.Remove(rb);
        return true;
    }

    private List<int> MembersList(int root)
    {
        if (!_members.TryGetValue(root, out var list)) _members[root] = list = [root];
        return list;
    }

    /// <summary>The members of a representative's class (just itself when it was never merged).</summary>
    public IReadOnlyList<int> Members(int representative) =>
        _members.TryGetValue(representative, out var list) ? list : [representative];

    /// <summary>The classes with more than one member.</summary>
    public IEnumerable<IReadOnlyList<int>> Classes => _members.Values;
}
