using System.Security.Cryptography;

namespace TripleStore.Rdf;

/// <summary>
/// A blank node. Its <see cref="Id"/> is an internal identifier, not a document label: readers map
/// each document's labels to fresh nodes through a <see cref="BlankNodeScope"/>, so <c>_:b1</c> in two
/// files are two different nodes.
/// </summary>
public sealed class BlankNode : Term
{
    // A random per-process prefix keeps ids from two processes (or two imports) from colliding in a store.
    private static readonly string ProcessPrefix = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
    private static long _counter;

    public BlankNode(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
    }

    public string Id { get; }

    public override TermKind Kind => TermKind.BlankNode;

    /// <summary>A blank node distinct from every other node created in any process.</summary>
    public static BlankNode CreateUnique() =>
        new("b" + ProcessPrefix + Interlocked.Increment(ref _counter).ToString("x"));

    public override bool Equals(Term? other) => other is BlankNode b && string.Equals(Id, b.Id, StringComparison.Ordinal);

    public override int GetHashCode() => Id.GetHashCode() ^ 0x5bd1e995;

    private protected override int CompareSameKind(Term other) => string.CompareOrdinal(Id, ((BlankNode)other).Id);

    public override string ToString() => "_:" + Id;
}
