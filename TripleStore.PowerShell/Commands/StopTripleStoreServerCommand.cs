using System.Management.Automation;
using TripleStore.PowerShell.Servers;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Stops SPARQL protocol servers: the ones given (or piped), else all that this session started.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "TripleStoreServer", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class StopTripleStoreServerCommand : TripleStoreCmdlet
{
    /// <summary>The servers to stop, from Start-TripleStoreServer or Get-TripleStoreServer.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public TripleStoreServer[]? Server { get; set; }

    private bool _any;

    protected override void ProcessRecord()
    {
        if (Server is null) return;
        _any = true;
        foreach (var server in Server) StopOne(server);
    }

    protected override void EndProcessing()
    {
        if (_any || MyInvocation.BoundParameters.ContainsKey(nameof(Server))) return;
        var all = ServerSession.Current();
        if (all.Count == 0) WriteWarning("This session has no running server.");
        foreach (var server in all) StopOne(server);
    }

    private void StopOne(TripleStoreServer server)
    {
        if (ShouldProcess(server.Url, "Stop the SPARQL server")) ServerSession.Stop(server);
    }
}
