using System.Collections.Concurrent;

namespace TripleStore.Storage;

/// <summary>Reuses <see cref="QuadBlock"/>s, so the canonical merge allocates only as many as are in flight.</summary>
internal sealed class QuadBlockPool
{
    // 1,024 records of 64 bytes stay under the large-object threshold; blocks are reused anyway.
    public const int BlockSize = 1024;
    private readonly ConcurrentBag<QuadBlock> _free = [];

    public QuadBlock Rent() => _free.TryTake(out var block) ? block : new QuadBlock(this, BlockSize);

    public void Return(QuadBlock block) => _free.Add(block);
}
