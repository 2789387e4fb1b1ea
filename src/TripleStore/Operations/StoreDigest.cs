using System.Buffers.Binary;
using System.IO.Hashing;
using RocksDbSharp;
using TripleStore.Storage;

namespace TripleStore.Operations;

/// <summary>
/// What a store holds at one moment, in numbers: quads per graph and an order-independent checksum over
/// the canonical indexes (default-graph SPO and named-graph GSPO). Two stores with the same quads have
/// the same digest whatever order they were written in, so a backup can be checked against its source.
/// </summary>
public sealed class StoreDigest
{
    /// <summary>The key under which quads of the default graph are counted in <see cref="GraphCounts"/>.</summary>
    public const string DefaultGraphName = "(default)";

    public StoreDigest(long quadCount, IReadOnlyDictionary<string, long> graphCounts, string checksum)
    {
        QuadCount = quadCount;
        GraphCounts = graphCounts;
        Checksum = checksum;
    }

    public long QuadCount { get; }

    /// <summary>Quads per graph: <see cref="DefaultGraphName"/> for the default graph, else the graph's IRI or blank node.</summary>
    public IReadOnlyDictionary<string, long> GraphCounts { get; }

    /// <summary>16 hex digits: the wrapping sum of the XxHash64 of every canonical key.</summary>
    public string Checksum { get; }

    /// <summary>Computes the digest of what <paramref name="snapshot"/> sees.</summary>
    public static StoreDigest Compute(StoreSnapshot snapshot, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ulong sum = 0;
        long total = 0;
        var perGraph = new Dictionary<TermId, long>();
        Span<byte> key = stackalloc byte[4 * TermId.Size];
        foreach (var quad in snapshot.MatchEncoded(null, null, null, Dataset.GraphSelector.All))
        {
            if ((total & 0xFFF) == 0) cancellation.ThrowIfCancellationRequested();
            quad.Subject.Write(key);
            quad.Predicate.Write(key[TermId.Size..]);
            quad.Object.Write(key[(2 * TermId.Size)..]);
            quad.Graph.Write(key[(3 * TermId.Size)..]);
            unchecked { sum += XxHash64.HashToUInt64(key); }
            total++;
            perGraph[quad.Graph] = perGraph.GetValueOrDefault(quad.Graph) + 1;
        }
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (graph, count) in perGraph)
            counts[graph == TermId.DefaultGraph ? DefaultGraphName : snapshot.Decode(graph).ToString()] = count;
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, sum);
        return new StoreDigest(total, counts, Convert.ToHexStringLower(bytes));
    }

    /// <summary>Opens the store at <paramref name="path"/> read-only and computes its digest.</summary>
    public static StoreDigest ComputeForPath(string path, CancellationToken cancellation = default)
    {
        using var store = RdfStore.Open(path, new StoreOptions { ReadOnly = true });
        using var snapshot = store.OpenSnapshot();
        return Compute(snapshot, cancellation);
    }

    /// <summary>Whether both digests describe the same quads; <paramref name="difference"/> says how they differ.</summary>
    public bool Matches(StoreDigest other, out string difference)
    {
        difference = "";
        if (QuadCount != other.QuadCount)
            difference = $"quad count {other.QuadCount}, expected {QuadCount}";
        else if (Checksum != other.Checksum)
            difference = $"checksum {other.Checksum}, expected {Checksum}";
        else if (!GraphCounts.OrderBy(g => g.Key, StringComparer.Ordinal).SequenceEqual(other.GraphCounts.OrderBy(g => g.Key, StringComparer.Ordinal)))
            difference = "the per-graph quad counts differ";
        return difference.Length == 0;
    }
}
