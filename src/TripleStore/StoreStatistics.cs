using TripleStore.Rdf;

namespace TripleStore;

/// <summary>
/// Counts that describe a store. Quad counts are exact (kept up to date on every write); distinct
/// counts are exact too, computed by a skip scan when asked for.
/// </summary>
public sealed record StoreStatistics
{
    /// <summary>All quads: default-graph triples plus named-graph quads.</summary>
    public long Quads { get; init; }

    /// <summary>Triples in the default graph.</summary>
    public long DefaultGraphTriples { get; init; }

    /// <summary>Quads in named graphs.</summary>
    public long NamedGraphQuads { get; init; }

    /// <summary>Quads per non-empty named graph.</summary>
    public IReadOnlyDictionary<Term, long> GraphCounts { get; init; } = new Dictionary<Term, long>();

    public long DistinctSubjects { get; init; }
    public long DistinctPredicates { get; init; }
    public long DistinctObjects { get; init; }

    /// <summary>Terms held in the dictionary (IRIs, blank nodes and literals too long to inline).</summary>
    public long DictionaryTerms { get; init; }

    /// <summary>Bytes the store's folder takes on disk.</summary>
    public long SizeOnDisk { get; init; }
}
