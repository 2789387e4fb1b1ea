using System.Management.Automation;
using TripleStore.Operations;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Checks a store's integrity in full; -Repair rebuilds damaged secondary index entries from the primary index.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TripleStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(IntegrityReport))]
public sealed class TestTripleStoreCommand : StoreCmdlet
{
    /// <summary>Fix what can be fixed (index entries); dictionary and counter damage needs a restore.</summary>
    [Parameter]
    public SwitchParameter Repair { get; set; }

    protected override void ProcessRecord()
    {
        var store = TargetStore();
        try
        {
            var report = IntegrityChecker.Check(store, repair: false, StopToken);
            if (Repair && report.Problems.Any(p => p.Repairable)
                && ShouldProcess(store.Path, $"Repair {report.Problems.Count(p => p.Repairable)} index entries"))
                report = IntegrityChecker.Check(store, repair: true, StopToken);
            foreach (var problem in report.Problems.Where(p => !p.Repairable))
                WriteWarning($"{problem.Kind} ({problem.Index}): {problem.Detail}");
            WriteObject(report);
        }
        catch (TripleStoreException e)
        {
            ThrowEngineError(e, store);
        }
    }
}
