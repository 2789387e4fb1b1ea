namespace TripleStore.Storage;

/// <summary>
/// The first byte of every key in the data column family: which part of the keyspace it belongs to.
/// Part of the on-disk format: never renumber.
/// </summary>
internal enum KeySection : byte
{
    /// <summary>Dictionary: 0x01 + term id → the term's serialized form.</summary>
    Dictionary = 0x01,

    /// <summary>Counters: 0x02 + counter kind + term id → little-endian int64.</summary>
    Counter = 0x02,

    // Quad indexes: the section byte, then 3 (default graph) or 4 (named graphs) term ids, value empty.
    DefaultSpo = 0x10,
    DefaultPos = 0x11,
    DefaultOsp = 0x12,
    NamedSpog = 0x13,
    NamedPosg = 0x14,
    NamedOspg = 0x15,
    NamedGspo = 0x16,
    NamedGpos = 0x17,
    NamedGosp = 0x18,

    /// <summary>
    /// Only in the <c>derived</c> family: derived facts that are not RDF triples (a literal subject) but
    /// premises of the closure, kept so a reopened store can resume incremental maintenance. Never queried.
    /// </summary>
    DerivedPremise = 0x1F,
}
