using System.Diagnostics;
using System.Management.Automation;
using TripleStore.Dataset;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes every triple of one or more named graphs, of the default graph, or of the whole store.</para>
/// </summary>
[Cmdlet(VerbsCommon.Clear, "TripleStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = GraphSet)]
[OutputType(typeof(TripleStoreChangeResult))]
public sealed class ClearTripleStoreCommand : StoreCmdlet
{
    private const string GraphSet = "Graph";
    private const string DefaultGraphSet = "DefaultGraph";
    private const string AllSet = "All";

    /// <summary>The named graphs to clear (absolute IRIs).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = GraphSet)]
    [ArgumentCompleter(typeof(GraphCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Graph { get; set; } = Array.Empty<string>();

    /// <summary>Clear the default graph only.</summary>
    [Parameter(Mandatory = true, ParameterSetName = DefaultGraphSet)]
    public SwitchParameter DefaultGraph { get; set; }

    /// <summary>Clear the whole store: the default graph and every named graph.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AllSet)]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        var target = TargetConnection();
        switch (ParameterSetName)
        {
            case DefaultGraphSet:
                Clear(target, GraphSelector.Default, "DEFAULT", "the default graph");
                break;
            case AllSet:
                Clear(target, GraphSelector.All, "ALL", "every graph");
                break;
            default:
                foreach (var graph in Graph)
                {
                    var iri = ParseGraph(graph);
                    Clear(target, GraphSelector.Named(iri), iri.Value, $"graph <{iri.Value}>");
                }
                break;
        }
    }

    private void Clear(ITripleStoreConnection target, GraphSelector selector, string name, string description)
    {
        if (target is Remote.RemoteStore remote)
        {
            ClearRemote(remote, selector, name, description);
            return;
        }
        var store = TargetStore();
        var transaction = Session.TransactionFor(store);
        if (!ShouldProcess(store.Path, $"Remove every triple of {description}{(transaction is null ? "" : " in the open transaction")}")) return;
        var clock = Stopwatch.StartNew();
        try
        {
            long removed = transaction is not null ? transaction.Clear(selector) : store.Clear(selector);
            WriteObject(new TripleStoreChangeResult("Clear", store.Path, name, 0, 0, removed, clock.Elapsed, transaction is not null));
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, name);
        }
    }

    /// <summary>CLEAR GRAPH / DEFAULT / ALL on a remote store; the server does not report a count, so Removed is -1.</summary>
    private void ClearRemote(Remote.RemoteStore store, GraphSelector selector, string name, string description)
    {
        if (!ShouldProcess(store.Location, $"Remove every triple of {description}")) return;
        var clock = Stopwatch.StartNew();
        try
        {
            store.Clear(selector, StopToken);
            WriteObject(new TripleStoreChangeResult("Clear", store.Location, name, 0, 0, -1, clock.Elapsed, false));
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, name);
        }
    }
}
