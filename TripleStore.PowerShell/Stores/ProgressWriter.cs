using System.Management.Automation;
using TripleStore.Operations;

namespace TripleStore.PowerShell.Stores;

/// <summary>
/// Writes backup and restore steps as progress records. Backup and restore report on the calling
/// thread, which is the cmdlet's, so writing straight away is allowed.
/// </summary>
internal sealed class ProgressWriter(Cmdlet cmdlet, int activityId, string activity) : IProgress<BackupProgress>
{
    public void Report(BackupProgress value)
    {
        var record = new ProgressRecord(activityId, activity, value.Stage) { PercentComplete = value.PercentComplete };
        if (value.PercentComplete >= 100) record.RecordType = ProgressRecordType.Completed;
        cmdlet.WriteProgress(record);
    }
}
