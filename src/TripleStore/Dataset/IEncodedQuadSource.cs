using TripleStore.Rdf;

namespace TripleStore.Dataset;

/// <summary>
/// An optional, faster face of an <see cref="IQuadSource"/>: the same quads as fixed-width ids, so a join
/// can run without building terms. Terms go in once (<see cref="TryEncode"/>) and come out only when a
/// result leaves the join (<see cref="Decode"/>). The RocksDB store implements it over its own key ids;
/// <see cref="InterningQuadSource"/> gives it to any other source.
/// </summary>
public interface IEncodedQuadSource
{
    /// <summary>
    /// The id of a term. False when the source can tell the term occurs nowhere in it, so a pattern
    /// that needs it matches nothing. Equal terms always get equal ids, different terms different ones.
    /// </summary>
    bool TryEncode(Term term, out NodeId id);

    /// <summary>The term an id from this source stands for.</summary>
    Term Decode(NodeId id);

    /// <summary>
    /// The terms of many ids at once (a batch of rows leaving a join), the same as <see cref="Decode"/> of
    /// each: a source whose decoding is a read per id may read them together.
    /// </summary>
    void DecodeMany(ReadOnlySpan<NodeId> ids, Span<Term> terms)
    {
        for (int i = 0; i < ids.Length; i++) terms[i] = Decode(ids[i]);
    }

    /// <summary>Whether <see cref="DecodeMany"/> is cheaper than <see cref="Decode"/> of each id, so rows are worth holding back to decode together.</summary>
    bool DecodesInBatches => false;

    /// <summary>
    /// A reusable cursor for repeated lookups (one per pattern of a join): each <see cref="IQuadCursor.Seek"/>
    /// starts a new match without opening a new scan. Dispose it when done.
    /// </summary>
    IQuadCursor OpenCursor();

    /// <summary>
    /// Id ranges (ascending, disjoint) holding every term whose numeric value may lie within
    /// [<paramref name="lowest"/>, <paramref name="highest"/>] (null: unbounded), including every literal
    /// whose value the source cannot place (ill-typed or non-canonical forms, values past the ordered
    /// encodings): a superset, for <see cref="IdPattern.ObjectRanges"/>. Null when the source's ids do not
    /// follow numeric order, so a range scan is not possible.
    /// </summary>
    NodeRange[]? NumericObjectRanges(double? lowest, double? highest) => null;

    /// <summary>
    /// The value of an id that holds an xsd:integer or xsd:long in the id itself (every value of those types
    /// is valid, so no lexical check is needed): a join may compare such numbers without decoding terms.
    /// False for every other id, and for every id of a source without inline numbers.
    /// </summary>
    bool TryInlineInteger(NodeId id, out long value)
    {
        value = 0;
        return false;
    }

    /// <summary>
    /// Whether the lexical form of the string literal (xsd:string or rdf:langString) an id holds in the id
    /// itself contains <paramref name="asciiNeedle"/> (ASCII bytes), decided from the id's UTF-8 bytes without
    /// building a term: for valid UTF-8, an ASCII byte sequence occurs in the bytes exactly when its characters
    /// occur in the string. Null for every other id (dictionary terms, other literals) and for sources
    /// without inline strings: the caller then decides on the decoded term.
    /// </summary>
    bool? TryInlineStringContains(NodeId id, ReadOnlySpan<byte> asciiNeedle) => null;

    /// <summary>
    /// Runs <paramref name="read"/> on another thread, where it may open and use cursors of its own while
    /// the caller uses others, so a join may read one pattern in the background while it runs the rest.
    /// The source stops it (the token) and waits for it before the source goes away. Null when the source
    /// cannot (its cursors are not safe to use on two threads at once, or it is closed).
    /// </summary>
    Task? ReadInBackground(Action<CancellationToken> read) => null;

    /// <summary>
    /// Where a join may keep what it built from a whole scan for later queries over the same data (see
    /// <see cref="ISharedScanCache"/>); null when the source cannot tell one state of its data from another.
    /// </summary>
    ISharedScanCache? SharedScans => null;
}

/// <summary>Matches id patterns; seek, then read matches until <see cref="Next"/> is false. Not thread-safe.</summary>
public interface IQuadCursor : IDisposable
{
    /// <summary>Starts matching <paramref name="pattern"/>, ending the previous match.</summary>
    void Seek(in IdPattern pattern);

    /// <summary>The next match of the current pattern; false when there are no more.</summary>
    bool Next(out IdQuad quad);
}
