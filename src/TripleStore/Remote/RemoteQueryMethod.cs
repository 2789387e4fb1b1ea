namespace TripleStore.Remote;

/// <summary>How queries go to the endpoint (SPARQL 1.1 Protocol, section 2.1).</summary>
public enum RemoteQueryMethod
{
    /// <summary>GET while the URL stays short (2,000 characters), POST beyond.</summary>
    Auto,

    /// <summary>Always GET with the query in the URL.</summary>
    Get,

    /// <summary>Always POST with the query as the body (application/sparql-query).</summary>
    Post,
}
