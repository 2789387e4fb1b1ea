using System.Management.Automation;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Closes stores: the current one, the ones given, or all of the session's.</para>
/// </summary>
[Cmdlet(VerbsCommon.Close, "TripleStore", DefaultParameterSetName = CurrentSet)]
[OutputType(typeof(void))]
public sealed class CloseTripleStoreCommand : TripleStoreCmdlet
{
    private const string CurrentSet = "Current";
    private const string StoreSet = "Store";
    private const string AllSet = "All";

    /// <summary>The stores to close, for example from Get-TripleStore.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = StoreSet)]
    [ValidateNotNull]
    public RdfStore[] Store { get; set; } = Array.Empty<RdfStore>();

    /// <summary>Close every store this session has open.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AllSet)]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        var session = Stores.StoreSession.ForCurrentRunspace();
        switch (ParameterSetName)
        {
            case AllSet:
                session.CloseAll();
                break;
            case StoreSet:
                foreach (var store in Store) Close(session, store);
                break;
            default:
                if (session.Current is { } current) Close(session, current);
                else WriteWarning("No store is open in this session.");
                break;
        }
    }

    private void Close(Stores.StoreSession session, RdfStore store)
    {
        try
        {
            session.Close(store);
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, store);
        }
    }
}
