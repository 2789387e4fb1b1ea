namespace TripleStore.Storage;

/// <summary>
/// A block of quads handed by the canonical merge of an import to every builder of one index family. The
/// builders only read it; the last one to release it returns it to its <see cref="QuadBlockPool"/>.
/// </summary>
internal sealed class QuadBlock
{
    private readonly QuadBlockPool _pool;
    private int _readers;

    public QuadBlock(QuadBlockPool pool, int capacity)
    {
        _pool = pool;
        Items = new QuadIds[capacity];
    }

    public QuadIds[] Items { get; }
    public int Count { get; set; }
    public bool IsFull => Count == Items.Length;

    /// <summary>Sets how many builders will read the block before it is posted to them.</summary>
    public void Share(int readers) => _readers = readers;

    public void Release()
    {
        if (Interlocked.Decrement(ref _readers) == 0)
        {
            Count = 0;
            _pool.Return(this);
        }
    }
}
