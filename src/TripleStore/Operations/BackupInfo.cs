namespace TripleStore.Operations;

/// <summary>One backup folder: its manifest, and whether it verified (null when not checked).</summary>
public sealed class BackupInfo
{
    public BackupInfo(string path, BackupManifest manifest, bool? verified, string? verificationError)
    {
        Path = path;
        Manifest = manifest;
        Verified = verified;
        VerificationError = verificationError;
    }

    /// <summary>The backup folder (holding manifest.json and store/).</summary>
    public string Path { get; }
    public string Name => System.IO.Path.GetFileName(Path);
    public BackupManifest Manifest { get; }
    public string Series => Manifest.Series;
    public DateTime CreatedUtc => Manifest.CreatedUtc;
    public long QuadCount => Manifest.QuadCount;
    public int GraphCount => Manifest.GraphCounts.Count;
    public long SizeBytes => Manifest.SizeBytes;
    public string Checksum => Manifest.Checksum;
    public ulong SequenceNumber => Manifest.SequenceNumber;
    public string SourcePath => Manifest.SourcePath;
    public bool? Verified { get; }
    public string? VerificationError { get; }

    /// <summary>The folder inside the backup that holds the store files (open it read-only, or restore it).</summary>
    public string StorePath => System.IO.Path.Combine(Path, StoreBackup.StoreFolderName);

    public override string ToString() => Path;
}
