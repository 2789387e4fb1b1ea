using TripleStore.Dataset;

namespace TripleStore.Storage;

/// <summary>
/// Cuts a span of term ids into ranges of about equal numbers of keys: per tag (the id's first byte, its
/// kind), equal shares of the high word. After the tag come hash bits or a value's leading bytes, both
/// spread over the space, so equal shares of it hold about equal shares of the keys.
/// </summary>
internal static class ObjectSplit
{
    // Spans over more kinds than this are not cut: most shares would be empty seeks.
    private const int MaxTags = 8;

    public static NodeRange[]? Split(NodeId first, NodeId last, int parts)
    {
        if (NodeRange.Compare(first, last) > 0 || parts < 2) return null;
        int firstTag = (int)(first.High >> 56), lastTag = (int)(last.High >> 56);
        if (lastTag - firstTag >= MaxTags) return [new NodeRange(first, last)];
        var ranges = new List<NodeRange>();
        for (int tag = firstTag; tag <= lastTag; tag++)
        {
            var low = tag == firstTag ? first : new NodeId((ulong)tag << 56, 0);
            var high = tag == lastTag ? last : new NodeId(((ulong)tag << 56) | 0x00FF_FFFF_FFFF_FFFFUL, ulong.MaxValue);
            ulong step = (high.High - low.High) / (ulong)parts;
            if (step == 0)
            {
                ranges.Add(new NodeRange(low, high));
                continue;
            }
            for (int k = 0; k < parts; k++)
            {
                var from = k == 0 ? low : new NodeId(low.High + (ulong)k * step, 0);
                var to = k == parts - 1 ? high : new NodeId(low.High + (ulong)(k + 1) * step - 1, ulong.MaxValue);
                ranges.Add(new NodeRange(from, to));
            }
        }
        return ranges.ToArray();
    }
}
