using System.Text;

namespace TripleStore.Storage;

/// <summary>
/// What the directives of a Turtle file have declared up to some point: the base IRI and the prefixes.
/// Immutable, so a block parsed on one thread can say which declarations it assumed, and the importer can
/// check that assumption against the declarations that really precede the block.
/// </summary>
internal sealed class TurtleDirectives
{
    private readonly Dictionary<string, TurtleNamespace> _prefixes;
    private readonly Dictionary<string, TurtleNamespace>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private TurtleDirectives(string? baseIri, Dictionary<string, TurtleNamespace> prefixes)
    {
        Base = baseIri;
        _prefixes = prefixes;
        _lookup = prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The declarations before the first directive: the reader's base IRI and no prefixes.</summary>
    public static TurtleDirectives Initial(string? baseIri) => new(baseIri, new Dictionary<string, TurtleNamespace>(StringComparer.Ordinal));

    public string? Base { get; }

    public IEnumerable<KeyValuePair<string, string>> Prefixes =>
        _prefixes.Select(p => new KeyValuePair<string, string>(p.Key, p.Value.Text));

    public bool TryGetNamespace(ReadOnlySpan<char> prefix, out TurtleNamespace ns) => _lookup.TryGetValue(prefix, out ns!);

    public TurtleDirectives WithPrefix(string prefix, string ns)
    {
        if (_prefixes.TryGetValue(prefix, out var old) && old.Text == ns) return this;
        var prefixes = new Dictionary<string, TurtleNamespace>(_prefixes, StringComparer.Ordinal)
        {
            [prefix] = new TurtleNamespace(Encoding.UTF8.GetBytes(ns), ns),
        };
        return new TurtleDirectives(Base, prefixes);
    }

    public TurtleDirectives WithBase(string baseIri) => baseIri == Base ? this : new TurtleDirectives(baseIri, _prefixes);

    /// <summary>True when both declare the same base and the same prefixes.</summary>
    public bool SameAs(TurtleDirectives other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (Base != other.Base || _prefixes.Count != other._prefixes.Count) return false;
        foreach (var (prefix, ns) in _prefixes)
            if (!other._prefixes.TryGetValue(prefix, out var theirs) || theirs.Text != ns.Text) return false;
        return true;
    }
}

/// <summary>A namespace IRI as text and as the UTF-8 bytes a prefixed name's IRI starts with.</summary>
internal sealed record TurtleNamespace(byte[] Utf8, string Text);
