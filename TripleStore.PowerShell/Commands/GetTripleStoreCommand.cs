using System.Management.Automation;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Lists the stores this session has open, or just the current one.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "TripleStore")]
[OutputType(typeof(RdfStore), typeof(Remote.RemoteStore))]
public sealed class GetTripleStoreCommand : TripleStoreCmdlet
{
    /// <summary>Only the current store: the one store cmdlets use without -Store.</summary>
    [Parameter]
    public SwitchParameter Current { get; set; }

    protected override void ProcessRecord()
    {
        var session = Stores.StoreSession.ForCurrentRunspace();
        if (Current)
        {
            if (session.Current is { } current) WriteObject(current);
            return;
        }
        WriteObject(session.Stores, enumerateCollection: true);
    }
}
