using System.Management.Automation;
using TripleStore.Operations;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Reports a store's health: Healthy, Degraded or Unhealthy, with each check's value and threshold.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "TripleStoreHealth", DefaultParameterSetName = OpenSet)]
[OutputType(typeof(HealthReport))]
public sealed class GetTripleStoreHealthCommand : StoreCmdlet
{
    private const string OpenSet = "Open";
    private const string PathSet = "Path";

    /// <summary>A store folder this session does not have open (it is opened for the check and closed again).</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Only whether the store is open and answers reads.</summary>
    [Parameter(ParameterSetName = OpenSet)]
    public SwitchParameter Liveness { get; set; }

    /// <summary>Only what decides whether it can take work: open, writable, disk space, write stalls.</summary>
    [Parameter(ParameterSetName = OpenSet)]
    public SwitchParameter Readiness { get; set; }

    /// <summary>Limits to check against, as a hashtable (for example @{ MinFreeDiskBytes = 10GB; MaxBackupAge = '1.00:00:00' }).</summary>
    [Parameter]
    public object? Thresholds { get; set; }

    protected override void ProcessRecord()
    {
        HealthThresholds thresholds;
        try
        {
            thresholds = Stores.HealthThresholdsArgument.From(Thresholds);
        }
        catch (TripleStoreException e)
        {
            ThrowEngineError(e, Thresholds);
            return;
        }
        if (ParameterSetName == PathSet)
        {
            WriteObject(StoreHealth.Check(ResolveDestinationPath(Path), thresholds));
            return;
        }
        var store = Store ?? Session.Current;
        if (store is null)
        {
            // A runbook asks "is it healthy?": answer with a status rather than an error.
            WriteObject(new HealthReport("", DateTime.UtcNow,
                [new HealthCheck("Open", HealthStatus.Unhealthy, "none", null, "No store is open in this session.")]));
            return;
        }
        if (store is Remote.RemoteStore remote)
        {
            WriteObject(remote.CheckHealth(livenessOnly: Liveness));
            return;
        }
        var embedded = (RdfStore)store;
        WriteObject(Liveness ? StoreHealth.CheckLiveness(embedded)
            : Readiness ? StoreHealth.CheckReadiness(embedded, thresholds)
            : StoreHealth.Check(embedded, thresholds));
    }
}
