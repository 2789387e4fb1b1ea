using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using RocksDbSharp;

namespace TripleStore.Storage;

/// <summary>
/// Many point reads of one column family in one call to RocksDB's batched MultiGet
/// (<c>rocksdb_batched_multi_get_cf</c>), which sorts the keys and walks each file's index and data blocks
/// once for all the keys that fall in them, instead of a full lookup (superversion, filter, index seek,
/// data-block seek, managed-to-native transition, value copy) per key. A first query that decodes 100K
/// terms no earlier query read spent most of its time in those per-key lookups. The values are read in
/// place from pinned slices. The function pointers come from the library RocksDbSharp loaded (as for
/// <see cref="RawIterator"/>); where they cannot be found <see cref="IsBatched"/> is false and each key is
/// read on its own, with the same results.
/// </summary>
internal static unsafe class BatchedPointRead
{
    /// <summary>Receives the value of the key at <paramref name="index"/>; the span is valid only during the call.</summary>
    public delegate void FoundValue(int index, ReadOnlySpan<byte> value);

    private static readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr, nuint, byte**, nuint*, IntPtr*, IntPtr*, byte, void> MultiGetFn;
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, nuint*, byte*> SliceValueFn;
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, void> SliceDestroyFn;

    /// <summary>Whether the batched read is in use (otherwise one read per key); tests may turn it off.</summary>
    internal static bool IsBatched { get; set; }

    static BatchedPointRead()
    {
        try
        {
            _ = Native.Instance; // RocksDbSharp loads the library first; its mapping is then found below
            var path = RawIterator.LoadedLibraryPath();
            if (path is null || !NativeLibrary.TryLoad(path, out var library)) return;
            if (!NativeLibrary.TryGetExport(library, "rocksdb_batched_multi_get_cf", out var multiGet)
                || !NativeLibrary.TryGetExport(library, "rocksdb_pinnableslice_value", out var value)
                || !NativeLibrary.TryGetExport(library, "rocksdb_pinnableslice_destroy", out var destroy)) return;
            MultiGetFn = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr, nuint, byte**, nuint*, IntPtr*, IntPtr*, byte, void>)multiGet;
            SliceValueFn = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, nuint*, byte*>)value;
            SliceDestroyFn = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, void>)destroy;
            IsBatched = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or BadImageFormatException)
        {
            IsBatched = false;
        }
    }

    /// <summary>
    /// Reads every key of <paramref name="keys"/> (<paramref name="count"/> keys of <paramref name="keyLength"/>
    /// bytes, back to back) and hands each value found to <paramref name="found"/> with the key's index; keys
    /// not found are skipped. The span is valid only during the call.
    /// </summary>
    public static void Read(RocksDb db, ColumnFamilyHandle family, ReadOptions options, ReadOnlySpan<byte> keys,
        int keyLength, int count, FoundValue found)
    {
        if (!IsBatched)
        {
            for (int i = 0; i < count; i++)
            {
                var value = db.Get(keys.Slice(i * keyLength, keyLength).ToArray(), family, options);
                if (value is not null) found(i, value);
            }
            return;
        }
        // One native block for the four per-key arrays (key pointers, sizes, values, errors): no pinning, and
        // no generic pool over pointer types to compile on a first query.
        var block = (IntPtr*)NativeMemory.Alloc((nuint)count * 4, (nuint)sizeof(IntPtr));
        try
        {
            fixed (byte* k = keys)
            {
                var p = block;
                var s = (nuint*)(block + count);
                var v = block + 2 * count;
                var e = block + 3 * count;
                for (int i = 0; i < count; i++)
                {
                    p[i] = (IntPtr)(k + (long)i * keyLength);
                    s[i] = (nuint)keyLength;
                    v[i] = IntPtr.Zero;
                    e[i] = IntPtr.Zero;
                }
                MultiGetFn(db.Handle, options.Handle, family.Handle, (nuint)count, (byte**)p, s, v, e, 0);
                // Every slice and message is released, even past a failure, before the first failure is thrown.
                ExceptionDispatchInfo? failure = null;
                for (int i = 0; i < count; i++)
                {
                    if (e[i] != IntPtr.Zero)
                    {
                        if (failure is null) failure = ExceptionDispatchInfo.Capture(new RocksDbException(e[i])); // frees the message
                        else Native.Instance.rocksdb_free(e[i]);
                    }
                    if (v[i] == IntPtr.Zero) continue;
                    try
                    {
                        if (failure is null)
                        {
                            nuint length;
                            byte* bytes = SliceValueFn(v[i], &length);
                            found(i, new ReadOnlySpan<byte>(bytes, checked((int)length)));
                        }
                    }
                    catch (Exception thrown)
                    {
                        failure = ExceptionDispatchInfo.Capture(thrown);
                    }
                    finally
                    {
                        SliceDestroyFn(v[i]);
                    }
                }
                failure?.Throw();
            }
        }
        finally
        {
            NativeMemory.Free(block);
        }
    }
}
