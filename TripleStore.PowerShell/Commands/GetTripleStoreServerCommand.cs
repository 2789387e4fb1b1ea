using System.Management.Automation;
using TripleStore.PowerShell.Servers;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Lists the SPARQL protocol servers this session started and has not stopped.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "TripleStoreServer")]
[OutputType(typeof(TripleStoreServer))]
public sealed class GetTripleStoreServerCommand : TripleStoreCmdlet
{
    /// <summary>Only the server listening on this port.</summary>
    [Parameter(Position = 0)]
    [ValidateRange(1, 65535)]
    public int? Port { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var server in ServerSession.Current())
            if (Port is null || server.Port == Port) WriteObject(server);
    }
}
