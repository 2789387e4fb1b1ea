using System.Management.Automation;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Empties a store's query result cache and resets its counters.</para>
/// </summary>
[Cmdlet(VerbsCommon.Clear, "TripleStoreCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(TripleStoreCacheInfo))]
public sealed class ClearTripleStoreCacheCommand : StoreCmdlet
{
    /// <summary>Write a TripleStoreCacheInfo saying what was removed.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var store = TargetStore();
        if (!ShouldProcess(store.Path, "Empty the query result cache")) return;
        try
        {
            var before = store.ResultCacheStatistics;
            int removed = store.ClearResultCache();
            if (PassThru)
                WriteObject(new TripleStoreCacheInfo { Path = store.Path, Cache = "Result", EntriesRemoved = removed, BytesFreed = before.Bytes });
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, store);
        }
    }
}
