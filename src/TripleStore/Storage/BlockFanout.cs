namespace TripleStore.Storage;

/// <summary>Collects quads into blocks and posts each full block to every builder of one index family.</summary>
internal sealed class BlockFanout
{
    private readonly SecondaryIndexBuilder[] _targets;
    private readonly QuadBlockPool _pool = new();
    private QuadBlock? _block;
    private bool _completed;

    public BlockFanout(SecondaryIndexBuilder[] targets) => _targets = targets;

    public void Add(in QuadIds quad)
    {
        if (_targets.Length == 0) return;
        _block ??= _pool.Rent();
        _block.Items[_block.Count++] = quad;
        if (_block.IsFull) Flush();
    }

    /// <summary>Posts what is left and tells the builders that no more quads come (once; later calls do nothing).</summary>
    public void Complete()
    {
        if (_completed) return;
        _completed = true;
        if (_block is not null && _block.Count > 0) Flush();
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
