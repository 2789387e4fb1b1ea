using RocksDbSharp;

namespace TripleStore.Storage;

/// <summary>
/// Writes one section of the keyspace (keys strictly ascending) into an SST file for ingestion, through
/// RocksDB's pointer-based put, which avoids a managed copy per key.
/// </summary>
internal sealed unsafe class SstSectionWriter : IDisposable
{
    private readonly SstFileWriter _writer;
    private bool _finished;

    /// <param name="database">The store whose table options the file takes.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="pointLookups">With the Bloom filter of the point-looked-up sections (dictionary, SPO), else the scan-only options.</param>
    /// <param name="import">A bulk import's file: written uncompressed (<see cref="StoreDatabase.ImportCompression"/>).</param>
    public SstSectionWriter(StoreDatabase database, string path, bool pointLookups = true, bool import = false)
    {
        Path = path;
        _writer = new SstFileWriter(new EnvOptions(), (pointLookups, import) switch
        {
            (true, false) => database.IngestOptions,
            (false, false) => database.IngestScanOnlyOptions,
            (true, true) => database.ImportOptions,
            (false, true) => database.ImportScanOnlyOptions,
        });
        _writer.Open(path);
    }

    public string Path { get; }
    public long Count { get; private set; }

    // Called millions of times from the first file on: skip the unoptimized tier.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            Native.Instance.rocksdb_sstfilewriter_put(_writer.Handle, k, (UIntPtr)key.Length, v, (UIntPtr)value.Length, out IntPtr error);
            if (error != IntPtr.Zero) throw new RocksDbException(error);
        }
        Count++;
    }

    /// <summary>Completes the file; returns its path, or null when nothing was written (RocksDB refuses empty files).</summary>
    public string? Finish()
    {
        _finished = true;
        if (Count == 0)
        {
            _writer.Dispose();
            return null;
        }
        _writer.Finish();
        _writer.Dispose();
        return Path;
    }

    public void Dispose()
    {
        if (!_finished) _writer.Dispose();
    }
}
