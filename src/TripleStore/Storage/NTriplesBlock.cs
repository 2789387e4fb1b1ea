using System.Buffers.Binary;

namespace TripleStore.Storage;

/// <summary>
/// A run of whole lines of an N-Triples or N-Quads file and what parsing them produced: the quads as ids,
/// the dictionary entries of terms new to the parser, and the lines it left to the full reader. Blocks are
/// recycled, so their arrays are allocated once per import.
/// </summary>
internal sealed class NTriplesBlock
{
    public byte[] Data = new byte[ParallelNTriplesReader.BlockSize];
    public int Start;
    public int Length;
    public long Sequence;

    /// <summary>Line breaks in the block; the block's first line is the one after all earlier blocks' breaks.</summary>
    public int LineBreaks;

    public QuadIds[] Quads = new QuadIds[ParallelNTriplesReader.BlockSize / 64];
    public int QuadCount;

    /// <summary>Dictionary entries, each a 16-byte id, a 4-byte length and the dictionary form.</summary>
    public byte[] Entries = new byte[1 << 16];
    public int EntriesLength;

    public readonly List<(int Line, int Offset, int Length, bool Terminated)> Fallbacks = [];

    public void ResetOutputs()
    {
        QuadCount = 0;
        EntriesLength = 0;
        LineBreaks = 0;
        Fallbacks.Clear();
    }

    public void AddQuad(in QuadIds quad)
    {
        if (QuadCount == Quads.Length) Array.Resize(ref Quads, Quads.Length * 2);
        Quads[QuadCount++] = quad;
    }

    /// <summary>Adds an entry whose dictionary form is <paramref name="form"/> followed by <paramref name="text"/>.</summary>
    public void AddEntry(TermId id, byte form, ReadOnlySpan<byte> text)
    {
        var target = Reserve(id, 1 + text.Length);
        target[0] = form;
        text.CopyTo(target[1..]);
    }

    public void AddEntry(TermId id, ReadOnlySpan<byte> serialized) => serialized.CopyTo(Reserve(id, serialized.Length));

    private Span<byte> Reserve(TermId id, int length)
    {
        int needed = EntriesLength + TermId.Size + 4 + length;
        if (needed > Entries.Length) Array.Resize(ref Entries, Math.Max(needed, Entries.Length * 2));
        var span = Entries.AsSpan(EntriesLength, TermId.Size + 4 + length);
        id.Write(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[TermId.Size..], length);
        EntriesLength = needed;
        return span[(TermId.Size + 4)..];
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
}
