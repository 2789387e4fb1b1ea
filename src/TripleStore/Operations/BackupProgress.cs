namespace TripleStore.Operations;

/// <summary>A backup or restore step, with a rough percentage of the whole operation.</summary>
public readonly record struct BackupProgress(string Stage, int PercentComplete);
