using System.Globalization;
using TripleStore.Storage;

namespace TripleStore.Telemetry;

/// <summary>
/// The databases open in this process, for the observable RocksDB gauges. The gauges sum over stores:
/// a per-store label would have to be the store's path, and paths never become labels.
/// </summary>
internal static class OpenStores
{
    private static readonly List<StoreDatabase> Databases = [];

    public static void Add(StoreDatabase database)
    {
        lock (Databases) Databases.Add(database);
    }

    /// <summary>Called before the database is disposed, so that no gauge reads a closed one.</summary>
    public static void Remove(StoreDatabase database)
    {
        lock (Databases) Databases.Remove(database);
    }

    public static long Count
    {
        get { lock (Databases) return Databases.Count; }
    }

    /// <summary>A RocksDB integer property summed over every open store (and each of its column families where it is per family).</summary>
    public static long Sum(string property)
    {
        long total = 0;
        lock (Databases)
        {
            foreach (var database in Databases)
                total += database.GetIntegerProperty(property);
        }
        return total;
    }

    internal static long Parse(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
