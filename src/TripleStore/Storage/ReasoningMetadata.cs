using System.Text;
using System.Text.Json;
using RocksDbSharp;
using TripleStore.Reasoning;

namespace TripleStore.Storage;

/// <summary>The materialization status, persisted as JSON under one key of the meta family.</summary>
internal static class ReasoningMetadata
{
    private static readonly byte[] StatusKey = Encoding.UTF8.GetBytes("reasoning-status");

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

    public static void Delete(StoreDatabase database) =>
        database.Db.Remove(StatusKey, database.Meta, new WriteOptions().SetSync(true));
}
