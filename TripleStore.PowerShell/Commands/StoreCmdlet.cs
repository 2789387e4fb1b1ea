using System.Management.Automation;
using TripleStore.PowerShell.Stores;

namespace TripleStore.PowerShell.Commands;

/// <summary>A cmdlet that works on a store: the one given with -Store, else the session's current store.</summary>
public abstract class StoreCmdlet : TripleStoreCmdlet
{
    /// <summary>The store to use; by default the session's current store (the last one opened). Takes a store
    /// from the pipeline (<c>Get-TripleStore | Get-TripleStoreStatistics</c>) or an object's Store property.</summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public RdfStore? Store { get; set; }

    internal StoreSession Session => StoreSession.ForCurrentRunspace();

    /// <summary>The store to work on; a terminating error when there is none or it was closed.</summary>
    protected RdfStore TargetStore()
    {
        var store = Store ?? Session.Current;
        if (store is null)
            ThrowEngineError(new TripleStoreException(ErrorCodes.StoreClosed, ErrorKind.InvalidOperation,
                "No store is open in this session; open one with Open-TripleStore -Path <folder>, or pass -Store."), null);
        if (Store is null || Session.IsOpen(store!)) return store!;
        ThrowEngineError(new TripleStoreException(ErrorCodes.StoreClosed, ErrorKind.InvalidOperation,
            $"The store at {store!.Path} has been closed; open it again with Open-TripleStore."), store);
        return store;
    }

    /// <summary>An absolute IRI for -Graph, or a terminating InvalidArgument error.</summary>
    protected Rdf.Iri ParseGraph(string graph)
    {
        try
        {
            return Rdf.Iri.Parse(graph);
        }
        catch (FormatException ex)
        {
            ThrowEngineError(new TripleStoreException(ErrorCodes.Configuration, ErrorKind.InvalidArgument,
                $"-Graph must be an absolute IRI such as 'http://example.org/graph': {ex.Message}", ex), graph);
            throw;
        }
    }
}
