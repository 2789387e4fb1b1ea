using System.Management.Automation;
using TripleStore.PowerShell.Commands;

namespace TripleStore.PowerShell.Reasoning;

/// <summary>
/// <para type="synopsis">Removes every derived triple and the materialization status; asserted triples are untouched.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "TripleStoreMaterialization", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(TripleStoreReasoningStatus))]
public sealed class RemoveTripleStoreMaterializationCommand : StoreCmdlet
{
    /// <summary>Write the (now empty) reasoning status.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var store = TargetStore();
        try
        {
            var status = store.ReasoningStatus;
            string what = status.IsMaterialized ? $"Remove {status.DerivedCount} derived triples and the materialization status" : "Remove the (empty) materialization";
            if (!ShouldProcess(store.Path, what)) return;
            store.DropMaterialization();
            if (PassThru) WriteObject(new TripleStoreReasoningStatus(store.Path, store.ReasoningStatus));
        }
        catch (TripleStoreException e)
        {
            ThrowEngineError(e, store.Path);
        }
    }
}
