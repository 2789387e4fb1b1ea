using System.Runtime.CompilerServices;

namespace TripleStore.Storage;

/// <summary>
/// Collects quads into blocks and posts each full block to every builder of one index family. Several
/// fanouts may feed the same builders (one per key range of a partitioned merge, each used by one thread):
/// the builders hear that no more quads come when the last of them completes.
/// </summary>
internal sealed class BlockFanout
{
    private readonly SecondaryIndexBuilder[] _targets;
    private readonly QuadBlockPool _pool = new();
    private readonly StrongBox<int> _open;
    private QuadBlock? _block;
    private bool _completed;

    public BlockFanout(SecondaryIndexBuilder[] targets) : this(targets, new StrongBox<int>(1)) { }

    private BlockFanout(SecondaryIndexBuilder[] targets, StrongBox<int> open)
    {
        _targets = targets;
        _open = open;
    }

    /// <summary><paramref name="senders"/> fanouts to the same builders, one per sending thread.</summary>
    public static BlockFanout[] Shared(SecondaryIndexBuilder[] targets, int senders)
    {
        var open = new StrongBox<int>(senders);
        var fanouts = new BlockFanout[senders];
        for (int i = 0; i < senders; i++) fanouts[i] = new BlockFanout(targets, open);
        return fanouts;
    }

    public void Add(in QuadIds quad)
    {
        if (_targets.Length == 0) return;
        _block ??= _pool.Rent();
        _block.Items[_block.Count++] = quad;
        if (_block.IsFull) Flush();
    }

    /// <summary>
    /// Posts what is left (once; later calls do nothing); when this is the last of its shared fanouts to
    /// complete, tells the builders that no more quads come.
    /// </summary>
    public void Complete()
    {
        if (_completed) return;
        _completed = true;
        if (_block is not null && _block.Count > 0) Flush();
        if (Interlocked.Decrement(ref _open.Value) > 0) return;
        foreach (var target in _targets) target.Complete();
    }

    private void Flush()
    {
        var block = _block!;
        _block = null;
        block.Share(_targets.Length);
        foreach (var target in _targets) target.Post(block);
    }
}
