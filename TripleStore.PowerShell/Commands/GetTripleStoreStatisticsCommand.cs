using System.Management.Automation;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Counts the quads, graphs and distinct terms of a store, and its size on disk.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "TripleStoreStatistics")]
[OutputType(typeof(StoreStatistics))]
public sealed class GetTripleStoreStatisticsCommand : StoreCmdlet
{
    protected override void ProcessRecord()
    {
        var store = TargetConnection();
        try
        {
            WriteObject(store.GetStatistics());
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, store);
        }
    }
}
