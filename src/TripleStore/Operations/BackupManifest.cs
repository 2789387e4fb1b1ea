using System.Text.Json;
using System.Text.Json.Serialization;

namespace TripleStore.Operations;

/// <summary>
/// The <c>manifest.json</c> written into every backup folder: when and from where it was taken, by which
/// versions, and the digest its contents must match.
/// </summary>
public sealed record BackupManifest
{
    public const string FileName = "manifest.json";
    public const int CurrentManifestVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public int ManifestVersion { get; init; } = CurrentManifestVersion;
    public DateTime CreatedUtc { get; init; }
    public string EngineVersion { get; init; } = "";
    public int StoreFormatVersion { get; init; }
    public string SourcePath { get; init; } = "";
    /// <summary>The backup series (by default the source folder's name); rotation counts within one series.</summary>
    public string Series { get; init; } = "";
    /// <summary>The RocksDB sequence number of the last write the backup contains.</summary>
    public ulong SequenceNumber { get; init; }
    public long QuadCount { get; init; }
    public IReadOnlyDictionary<string, long> GraphCounts { get; init; } = new Dictionary<string, long>();
    public string Checksum { get; init; } = "";
    /// <summary>Bytes of the store files in the backup.</summary>
    public long SizeBytes { get; init; }

    public StoreDigest ToDigest() => new(QuadCount, GraphCounts, Checksum);

    public void Save(string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>Reads a backup's manifest; a Backup error when it is missing or unreadable.</summary>
    public static BackupManifest Load(string folder)
    {
        string file = Path.Combine(folder, FileName);
        if (!File.Exists(file))
            throw new TripleStoreException(ErrorCodes.Backup, ErrorKind.Backup, $"{folder} is not a TripleStore backup: it has no {FileName}.");
        try
        {
            return JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(file), Json)
                ?? throw new JsonException("the manifest is empty");
        }
        catch (JsonException e)
        {
            throw new TripleStoreException(ErrorCodes.Backup, ErrorKind.Backup, $"The backup manifest {file} is damaged: {e.Message}", e);
        }
    }
}
