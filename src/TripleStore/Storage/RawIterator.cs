using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RocksDbSharp;

namespace TripleStore.Storage;

/// <summary>
/// Walks a RocksDB iterator through direct function pointers to the native library's
/// <c>rocksdb_iter_valid</c>, <c>rocksdb_iter_key</c> and <c>rocksdb_iter_next</c>, called without a GC
/// transition. A whole-section scan makes these three calls per key, millions of times; through
/// RocksDbSharp each is a marshalling stub with a full managed-to-native transition, which costs about as
/// much as the iterator step itself. The calls are short and never call back into the runtime, which is
/// what <see cref="SuppressGCTransitionAttribute"/> asks of them: at worst a step that reads the next block
/// from disk delays a collection by that read.
/// The pointers come from the very library RocksDbSharp loaded (found in the process's mappings, so a
/// second copy is never loaded); where that cannot be done (not Linux, or the library is not found)
/// <see cref="IsDirect"/> is false and the walk goes through RocksDbSharp, with the same results.
/// </summary>
internal unsafe struct RawIterator
{
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, byte> ValidFn;
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, nuint*, byte*> KeyFn;
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, void> NextFn;

    /// <summary>Whether the direct calls are in use (otherwise RocksDbSharp's are); tests may turn them off.</summary>
    internal static bool IsDirect { get; set; }

    static RawIterator()
    {
        if (Environment.GetEnvironmentVariable("TRIPLESTORE_RAW_ITERATOR") == "0") return;
        try
        {
            _ = Native.Instance; // RocksDbSharp loads the library first; its mapping is then found below
            var path = LoadedLibraryPath();
            if (path is null || !NativeLibrary.TryLoad(path, out var library)) return;
            if (!NativeLibrary.TryGetExport(library, "rocksdb_iter_valid", out var valid)
                || !NativeLibrary.TryGetExport(library, "rocksdb_iter_key", out var key)
                || !NativeLibrary.TryGetExport(library, "rocksdb_iter_next", out var next)) return;
            ValidFn = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, byte>)valid;
            KeyFn = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, nuint*, byte*>)key;
            NextFn = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, void>)next;
            IsDirect = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or BadImageFormatException)
        {
            IsDirect = false;
        }
    }

    /// <summary>The path of the mapped librocksdb shared object, from <c>/proc/self/maps</c> (Linux only).</summary>
    internal static string? LoadedLibraryPath()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/maps")) return null;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            int slash = line.IndexOf('/');
            if (slash < 0) continue;
            var path = line[slash..];
            var name = Path.GetFileName(path);
            if (name.StartsWith("librocksdb", StringComparison.Ordinal) && name.Contains(".so", StringComparison.Ordinal)) return path;
        }
        return null;
    }

    private readonly Iterator _iterator;
    private readonly IntPtr _handle;

    public RawIterator(Iterator iterator)
    {
        _iterator = iterator;
        _handle = iterator.Handle;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Valid() => IsDirect ? ValidFn(_handle) != 0 : _iterator.Valid();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Next()
    {
        if (IsDirect) NextFn(_handle);
        else _iterator.Next();
    }

    /// <summary>The current key; valid until the iterator moves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Key()
    {
        if (!IsDirect) return _iterator.GetKeySpan();
        nuint length;
        byte* key = KeyFn(_handle, &length);
        return new ReadOnlySpan<byte>(key, checked((int)length));
    }
}
