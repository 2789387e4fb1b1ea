using System.Management.Automation;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Runs a script block as one transaction: its writes commit together when it ends, or none do if it throws.</para>
/// <para type="description">Inside the block, Add-Triple, Remove-Triple, Clear-TripleStore, Import-Rdf and
/// Invoke-Sparql updates on the same store join the transaction, and Invoke-Sparql queries see its writes.
/// A terminating error (or Ctrl+C) rolls everything back and is rethrown.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "TripleStoreTransaction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PSObject))]
public sealed class InvokeTripleStoreTransactionCommand : StoreCmdlet
{
    /// <summary>The script to run inside the transaction. Its output is written as it is.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public ScriptBlock ScriptBlock { get; set; } = null!;

    /// <summary>Arguments for the script block ($args, or its param() block).</summary>
    [Parameter]
    [Alias("Args")]
    public object[] ArgumentList { get; set; } = Array.Empty<object>();

    protected override void EndProcessing()
    {
        var store = TargetStore();
        if (Session.TransactionFor(store) is not null)
        {
            // Nested: the inner block is simply part of the outer transaction.
            WriteVerbose("A transaction is already open on this store; the block joins it.");
            WriteObject(InvokeCommand.InvokeScript(false, ScriptBlock, null, ArgumentList), enumerateCollection: true);
            return;
        }

        StoreTransaction transaction;
        try
        {
            transaction = store.BeginTransaction();
        }
        catch (TripleStoreException ex)
        {
            ThrowEngineError(ex, store);
            return;
        }
        Session.Enlist(store, transaction);
        try
        {
            var output = InvokeCommand.InvokeScript(false, ScriptBlock, null, ArgumentList);
            WriteObject(output, enumerateCollection: true);
            if (!ShouldProcess(store.Path, $"Commit a transaction of {transaction.PendingChanges} change(s)"))
            {
                WriteVerbose("Not committed: the transaction was rolled back.");
                return;
            }
            var summary = transaction.Commit();
            WriteVerbose($"Committed: {summary.Added} triple(s) added, {summary.Removed} removed.");
        }
        catch (RuntimeException ex) when (ex is not PipelineStoppedException)
        {
            // The block failed: nothing it did is kept (finally rolls back), and the caller sees its own error.
            ThrowTerminatingError(ex.ErrorRecord);
        }
        catch (TripleStoreException ex)
        {
            ThrowEngineError(ex, store);
        }
        finally
        {
            Session.Delist(store);
            // Rolls back unless committed; a no-op after Commit.
            transaction.Dispose();
        }
    }
}
