using System.Text;
using System.Text.Json;
using RocksDbSharp;
using TripleStore.Reasoning;

namespace TripleStore.Storage;

/// <summary>
/// The materialization's persisted state, in the meta family: the status as JSON under
/// <c>reasoning-status</c>, and the change log — one key per default-graph triple whose presence changed
/// since the last run (<c>reasoning-log/</c> + s, p, o ids), valued with its presence at that run (1 or 0).
/// Writes put their log keys and the stale status in their own batch, so the log is exactly what was
/// committed, through any crash.
/// </summary>
internal static class ReasoningMetadata
{
    private static readonly byte[] StatusKey = Encoding.UTF8.GetBytes("reasoning-status");
    private static readonly byte[] LogPrefix = Encoding.UTF8.GetBytes("reasoning-log/");
    private static readonly byte[] LogEnd = Encoding.UTF8.GetBytes("reasoning-log0"); // '0' follows '/'
    private static readonly byte[] Present = [1];
    private static readonly byte[] Absent = [0];

    public static ReasoningStatus Read(StoreDatabase database)
    {
        var bytes = database.Db.Get(StatusKey, database.Meta);
        if (bytes is null) return ReasoningStatus.None;
        try
        {
            return JsonSerializer.Deserialize<ReasoningStatus>(bytes) ?? ReasoningStatus.None;
        }
        catch (JsonException e)
        {
            throw new TripleStoreException(ErrorCodes.Corruption, ErrorKind.Corruption, $"The reasoning status of the store at {database.Path} cannot be read: {e.Message}", e);
        }
    }

    public static void Write(StoreDatabase database, ReasoningStatus status)
    {
        if (database.ReadOnly) return;
        database.Db.Put(StatusKey, JsonSerializer.SerializeToUtf8Bytes(status), database.Meta, new WriteOptions().SetSync(true));
    }

    /// <summary>Puts the status into a batch that carries a data change.</summary>
    public static void Put(WriteBatch batch, StoreDatabase database, ReasoningStatus status) =>
        batch.Put(StatusKey, JsonSerializer.SerializeToUtf8Bytes(status), database.Meta);

    /// <summary>Writes the status and empties the change log, atomically (the end of a successful run).</summary>
    public static void Commit(StoreDatabase database, ReasoningStatus status, Action<WriteBatch>? also = null)
    {
        using var batch = new WriteBatch();
        also?.Invoke(batch);
        batch.DeleteRange(LogPrefix, (ulong)LogPrefix.Length, LogEnd, (ulong)LogEnd.Length, database.Meta);
        Put(batch, database, status);
        database.Db.Write(batch, new WriteOptions().SetSync(true));
    }

    /// <summary>Adds the removal of the status and the change log to a batch.</summary>
    public static void Delete(WriteBatch batch, StoreDatabase database)
    {
        batch.DeleteRange(LogPrefix, (ulong)LogPrefix.Length, LogEnd, (ulong)LogEnd.Length, database.Meta);
        batch.Delete(StatusKey, database.Meta);
    }

    /// <summary>Empties the change log inside a batch (when it is abandoned for a full run).</summary>
    public static void ClearLog(WriteBatch batch, StoreDatabase database) =>
        batch.DeleteRange(LogPrefix, (ulong)LogPrefix.Length, LogEnd, (ulong)LogEnd.Length, database.Meta);

    public static void PutLogEntry(WriteBatch batch, StoreDatabase database, in (TermId S, TermId P, TermId O) triple, bool presentBefore)
    {
        var key = new byte[LogPrefix.Length + 3 * TermId.Size];
        LogPrefix.CopyTo(key, 0);
        triple.S.Write(key.AsSpan(LogPrefix.Length));
        triple.P.Write(key.AsSpan(LogPrefix.Length + TermId.Size));
        triple.O.Write(key.AsSpan(LogPrefix.Length + 2 * TermId.Size));
        batch.Put(key, presentBefore ? Present : Absent, database.Meta);
    }

    /// <summary>The persisted change log: each changed triple with its presence at the last run.</summary>
    public static IEnumerable<((TermId S, TermId P, TermId O) Triple, bool PresentBefore)> ReadLog(StoreDatabase database)
    {
        var options = new ReadOptions().SetIterateUpperBound(LogEnd);
        using var iterator = database.Db.NewIterator(database.Meta, options);
        for (iterator.Seek(LogPrefix); iterator.Valid(); iterator.Next())
        {
            var key = iterator.Key();
            if (key.Length != LogPrefix.Length + 3 * TermId.Size) continue;
            var span = key.AsSpan(LogPrefix.Length);
            var triple = (TermId.Read(span), TermId.Read(span[TermId.Size..]), TermId.Read(span[(2 * TermId.Size)..]));
            yield return (triple, iterator.Value()[0] == 1);
        }
    }
}
