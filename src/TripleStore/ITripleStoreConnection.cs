using TripleStore.Dataset;
using TripleStore.Formats;
using TripleStore.Sparql;
using TripleStore.Sparql.Update;

namespace TripleStore;

/// <summary>
/// What scripts do with a store, whether it is embedded (<see cref="RdfStore"/>) or a SPARQL endpoint
/// (<see cref="Remote.RemoteStore"/>): query, update, import, export, count. The cmdlets work through
/// this interface, so a runbook moves from one to the other by changing only how the store is opened.
/// </summary>
public interface ITripleStoreConnection : IDisposable
{
    /// <summary>Where the store is: a folder for an embedded store, the query endpoint's URL for a remote one.</summary>
    string Location { get; }

    bool IsReadOnly { get; }

    /// <summary>Evaluates a SPARQL query; SELECT and CONSTRUCT results are lazy and stream.</summary>
    SparqlResult Query(string query, QueryOptions? options = null);

    /// <summary>Runs a SPARQL 1.1 Update request.</summary>
    UpdateResult Update(string request, UpdateOptions? options = null);

    /// <summary>Imports RDF files; the format comes from each extension unless the options set one.</summary>
    ImportSummary Import(IEnumerable<string> paths, ImportOptions? options = null, IProgress<ImportProgress>? progress = null, CancellationToken cancellation = default);

    /// <summary>Writes the selected graphs (all by default) to <paramref name="writer"/>; returns the quads written.</summary>
    long Export(RdfWriter writer, GraphSelector? graph = null, CancellationToken cancellation = default);

    /// <summary>Quad, graph and distinct-term counts.</summary>
    StoreStatistics GetStatistics();
}
