namespace TripleStore.Storage;

/// <summary>The counters kept in the <see cref="KeySection.Counter"/> section. Part of the on-disk format.</summary>
internal enum CounterKind : byte
{
    /// <summary>Quads in one graph; the default graph's id is all zero.</summary>
    GraphQuads = 0,
    /// <summary>Default-graph triples with one predicate.</summary>
    DefaultPredicate = 1,
    /// <summary>Named-graph quads with one predicate, over all named graphs.</summary>
    NamedPredicate = 2,
    /// <summary>All named-graph quads (id all zero).</summary>
    NamedTotal = 3,
}
