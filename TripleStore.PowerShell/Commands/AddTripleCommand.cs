using System.Management.Automation;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Adds triples to a store, from parameters or pipeline objects, as one transaction.</para>
/// </summary>
[Cmdlet(VerbsCommon.Add, "Triple", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(TripleStoreChangeResult))]
public sealed class AddTripleCommand : TripleWriteCmdlet
{
    private protected override string Operation => "Add";
}
