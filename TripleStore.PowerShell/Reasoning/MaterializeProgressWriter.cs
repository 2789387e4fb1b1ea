using System.Management.Automation;
using TripleStore.Reasoning;

namespace TripleStore.PowerShell.Reasoning;

/// <summary>
/// Turns materialization progress (one report per fixpoint iteration, then the write) into progress
/// records. Reports come on the thread that called Materialize, the cmdlet's; any other is ignored, as a
/// cmdlet may only write from its own thread.
/// </summary>
internal sealed class MaterializeProgressWriter(Cmdlet cmdlet, string activity) : IProgress<MaterializeProgress>
{
    public const int ActivityId = 1;
    private readonly int _thread = Environment.CurrentManagedThreadId;

    public void Report(MaterializeProgress value)
    {
        if (Environment.CurrentManagedThreadId != _thread) return;
        string status = value.Phase switch
        {
            "write" => $"Writing: {value.FactsSoFar:N0} derived triples to store",
            "over-delete" => $"Iteration {value.Iteration}: {value.FactsSoFar:N0} facts to re-check after deletions",
            _ => $"Iteration {value.Iteration}: {value.FactsSoFar:N0} facts",
        };
        cmdlet.WriteProgress(new ProgressRecord(ActivityId, activity, status) { CurrentOperation = value.Phase });
    }

    public void Complete() =>
        cmdlet.WriteProgress(new ProgressRecord(ActivityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
}
