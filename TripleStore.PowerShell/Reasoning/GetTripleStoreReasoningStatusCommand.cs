using System.Management.Automation;
using TripleStore.PowerShell.Commands;

namespace TripleStore.PowerShell.Reasoning;

/// <summary>
/// <para type="synopsis">Shows a store's materialization: profile, UpToDate or Stale, derived count, last run, pending changes.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "TripleStoreReasoningStatus")]
[OutputType(typeof(TripleStoreReasoningStatus))]
public sealed class GetTripleStoreReasoningStatusCommand : StoreCmdlet
{
    protected override void ProcessRecord()
    {
        var store = TargetStore();
        try
        {
            WriteObject(new TripleStoreReasoningStatus(store.Path, store.ReasoningStatus));
        }
        catch (TripleStoreException e)
        {
            ThrowEngineError(e, store.Path);
        }
    }
}
