using System.Runtime.InteropServices;

namespace TripleStore.Storage;

/// <summary>An append-only file of <see cref="QuadIds"/>, replayed once per secondary index.</summary>
internal sealed class QuadSpoolWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly QuadIds[] _block = new QuadIds[8192];
    private int _count;

    public QuadSpoolWriter(string path) =>
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);

    public void Write(in QuadIds quad)
    {
        if (_count == _block.Length) FlushBlock();
        _block[_count++] = quad;
    }

    private void FlushBlock()
    {
        _file.Write(MemoryMarshal.AsBytes(_block.AsSpan(0, _count)));
        _count = 0;
    }

    public void Dispose()
    {
        FlushBlock();
        _file.Dispose();
    }

    public static IEnumerable<QuadIds> Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var block = new QuadIds[8192];
        while (true)
        {
            var bytes = MemoryMarshal.AsBytes(block.AsSpan());
            int read = file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            int records = read / Marshal.SizeOf<QuadIds>();
            if (records == 0) yield break;
            for (int i = 0; i < records; i++) yield return block[i];
        }
    }
}
