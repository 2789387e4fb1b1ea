using System.Buffers.Binary;

namespace TripleStore.Storage;

/// <summary>
/// A run of whole Turtle statements (cut after a line that ends in '.') and what parsing it produced: the
/// triples as ids, the dictionary entries of terms new to the block, and where the parser stopped when it
/// met a statement it leaves to the full reader. Blocks are recycled, so their arrays are allocated once.
/// </summary>
internal sealed class TurtleBlock
{
    public byte[] Data = new byte[ParallelTurtleReader.BlockSize];
    public int Start;
    public int Length;
    public long Sequence;

    /// <summary>The last block of the file: a comment may end there without a line break.</summary>
    public bool IsLast;

    /// <summary>Line breaks in the block; the block's first line is the one after all earlier blocks' breaks.</summary>
    public int LineBreaks;

    /// <summary>The declarations the parse assumed at the block's start, and those in force at its end (or fallback).</summary>
    public TurtleDirectives? StartState;
    public TurtleDirectives? EndState;

    /// <summary>The offset of the first statement the parser left to the full reader, or -1 when it parsed all.</summary>
    public int FallbackAt = -1;

    /// <summary>The 0-based line within the block and the 1-based column (in UTF-16 units, as the full reader counts) of that statement.</summary>
    public int FallbackLine;
    public long FallbackColumn;

    public QuadIds[] Quads = new QuadIds[ParallelTurtleReader.BlockSize / 32];
    public int QuadCount;

    /// <summary>Dictionary entries, each a 16-byte id, a 4-byte length and the dictionary form.</summary>
    public byte[] Entries = new byte[1 << 16];
    public int EntriesLength;

    public void ResetOutputs()
    {
        QuadCount = 0;
        EntriesLength = 0;
        LineBreaks = 0;
        FallbackAt = -1;
        FallbackLine = 0;
        FallbackColumn = 0;
        StartState = EndState = null;
    }

    public void AddQuad(in QuadIds quad)
    {
        if (QuadCount == Quads.Length) Array.Resize(ref Quads, Quads.Length * 2);
        Quads[QuadCount++] = quad;
    }

    public void AddEntry(TermId id, ReadOnlySpan<byte> serialized)
    {
        int needed = EntriesLength + TermId.Size + 4 + serialized.Length;
        if (needed > Entries.Length) Array.Resize(ref Entries, Math.Max(needed, Entries.Length * 2));
        var span = Entries.AsSpan(EntriesLength, TermId.Size + 4 + serialized.Length);
        id.Write(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[TermId.Size..], serialized.Length);
        serialized.CopyTo(span[(TermId.Size + 4)..]);
        EntriesLength = needed;
    }

    /// <summary>Adds the block's dictionary entries to <paramref name="dictionary"/>.</summary>
    public void ForEachEntry(DictionarySorter dictionary)
    {
        var entries = Entries.AsSpan(0, EntriesLength);
        while (!entries.IsEmpty)
        {
            var id = TermId.Read(entries);
            int length = BinaryPrimitives.ReadInt32LittleEndian(entries[TermId.Size..]);
            dictionary.Add(id, entries.Slice(TermId.Size + 4, length));
            entries = entries[(TermId.Size + 4 + length)..];
        }
    }

    /// <summary>Counts line breaks (LF, CR, CRLF) in Data[from, to).</summary>
    public int CountLineBreaks(int from, int to)
    {
        var span = Data.AsSpan(from, to - from);
        int lf = span.Count((byte)'\n');
        if (span.IndexOf((byte)'\r') < 0) return lf;
        int breaks = lf;
        for (int i = 0; i < span.Length; i++)
            if (span[i] == '\r' && (i + 1 >= span.Length || span[i + 1] != '\n')) breaks++;
        return breaks;
    }
}
