namespace TripleStore.Storage;

/// <summary>
/// The first byte of a <see cref="TermId"/>. Values are part of the on-disk format: never renumber.
/// Tags below <see cref="SmallString"/> are dictionary (hashed) ids; from it on the id is the value.
/// </summary>
internal enum TermTag : byte
{
    DefaultGraph = 0x00,
    Iri = 0x01,
    BlankNode = 0x02,
    Literal = 0x03,

    SmallString = 0x10,
    SmallLangString = 0x11,
    Boolean = 0x12,
    Integer = 0x13,
    Decimal = 0x14,
    Double = 0x15,
    Float = 0x16,
    DateTime = 0x17,
}
