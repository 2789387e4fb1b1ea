using System.Management.Automation;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes triples from a store, from parameters or pipeline objects, as one transaction.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "Triple", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(TripleStoreChangeResult))]
public sealed class RemoveTripleCommand : TripleWriteCmdlet
{
    private protected override string Operation => "Remove";
}
