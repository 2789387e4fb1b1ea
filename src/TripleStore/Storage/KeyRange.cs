namespace TripleStore.Storage;

/// <summary>Byte-string helpers for prefix ranges.</summary>
internal static class KeyRange
{
    /// <summary>
    /// The smallest key greater than every key that starts with <paramref name="prefix"/>, used as the
    /// iterator's upper bound so that a scan stops exactly at the end of its prefix.
    /// </summary>
    public static byte[] Successor(ReadOnlySpan<byte> prefix)
    {
        var next = prefix.ToArray();
        for (int i = next.Length - 1; i >= 0; i--)
        {
            if (next[i] != 0xFF)
            {
                next[i]++;
                return next.AsSpan(0, i + 1).ToArray();
            }
        }
        throw new ArgumentException("A prefix of only 0xFF bytes has no successor.", nameof(prefix));
    }
}
