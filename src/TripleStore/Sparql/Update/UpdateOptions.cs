namespace TripleStore.Sparql.Update;

/// <summary>How one SPARQL Update request runs, and what its LOAD operations may read.</summary>
public sealed record UpdateOptions
{
    public static readonly UpdateOptions Default = new();

    /// <summary>The base IRI for relative IRIs of the request.</summary>
    public string? BaseIri { get; init; }

    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// The default graph for every WHERE clause, in place of USING (the protocol's using-graph-uri).
    /// When this or <see cref="UsingNamedGraphs"/> is set, a request that has its own USING, USING NAMED
    /// or WITH is refused, as the SPARQL protocol requires.
    /// </summary>
    public IReadOnlyList<Rdf.Iri>? UsingGraphs { get; init; }

    /// <summary>The named graphs for every WHERE clause, in place of USING NAMED (the protocol's using-named-graph-uri).</summary>
    public IReadOnlyList<Rdf.Iri>? UsingNamedGraphs { get; init; }

    /// <summary>
    /// Where SERVICE patterns in WHERE clauses are sent; null = SERVICE is refused (SILENT skips it).
    /// A store opened with <see cref="StoreOptions.Federation"/> fills this in.
    /// </summary>
    public IServiceResolver? ServiceResolver { get; init; }

    /// <summary>The longest the WHERE clause of one operation may run; null = no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Folders LOAD may read local files (file: IRIs) from, including their subfolders. Empty (the
    /// default): LOAD of files is refused, so a request cannot read arbitrary files of the machine.
    /// </summary>
    public IReadOnlyList<string> AllowedLoadDirectories { get; init; } = [];

    /// <summary>Host names LOAD may fetch http(s) IRIs from. Empty (the default): no network access.</summary>
    public IReadOnlyList<string> AllowedLoadHosts { get; init; } = [];

    /// <summary>The largest body, in bytes, an http(s) LOAD reads.</summary>
    public long MaxLoadBytes { get; init; } = 256L << 20;
}
