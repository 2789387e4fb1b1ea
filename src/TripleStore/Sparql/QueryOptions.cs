using TripleStore.Rdf;

namespace TripleStore.Sparql;

/// <summary>How one query runs.</summary>
public sealed record QueryOptions
{
    public static readonly QueryOptions Default = new();

    /// <summary>The longest the query may run, counted from the call to Evaluate; null = no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// Pre-bound variables (name without '?'): each behaves as if the query had been written with the
    /// value in place of the variable, and the value is reported for it in the results.
    /// </summary>
    public IReadOnlyDictionary<string, Term>? Parameters { get; init; }

    /// <summary>
    /// Whether the default graph shows the triples a materialization derived (true, the default) or only
    /// the asserted ones.
    /// </summary>
    public bool IncludeDerived { get; init; } = true;

    /// <summary>When the query has no FROM clause, treat the default graph as the union of all graphs.</summary>
    public bool DefaultGraphAsUnion { get; init; }

    /// <summary>
    /// The most solutions one memory-bound operator (ORDER BY, DISTINCT, GROUP BY, a hash join's build
    /// side, MINUS, CONSTRUCT de-duplication) may hold. Past it, ORDER BY, DISTINCT and GROUP BY spill to
    /// <see cref="SpillDirectory"/> when one is set; otherwise, and for the other operators, the query fails
    /// with <see cref="ErrorCodes.LimitExceeded"/>.
    /// </summary>
    public long MaxRowsInMemory { get; init; } = 10_000_000;

    /// <summary>
    /// The folder where ORDER BY, DISTINCT and GROUP BY write sorted runs of rows that do not fit in
    /// <see cref="MaxRowsInMemory"/>; null = no spilling. The files are deleted when the query ends,
    /// however it ends. A store sets it from its SpillToDisk and SpillPath settings when it is null; an empty
    /// string turns spilling off for this query.
    /// </summary>
    public string? SpillDirectory { get; init; }

    /// <summary>The most bytes one query may hold in spill files at once; 0 = no cap. Passing it raises <see cref="ErrorCodes.LimitExceeded"/>.</summary>
    public long MaxSpillBytes { get; init; }

    /// <summary>Probes a BGP step must make in one run before it may turn into a hash join over ids.</summary>
    internal long HashJoinMinProbes { get; init; } = 2_000;

    /// <summary>Whether a BGP step may intersect the values of its new variable with later checks on it (off: nested loops only).</summary>
    internal bool IntersectJoins { get; init; } = true;

    /// <summary>
    /// Whether a BGP check with two variables bound earlier keeps the lists it reads per key (see
    /// <see cref="Evaluation.KeyedLists"/>): null = chosen by cost, true = on every such check, false = never.
    /// </summary>
    internal bool? MemoChecks { get; init; }

    /// <summary>
    /// Whether a BGP lookup step keeps the matches it read per lookup and replays them when the lookup
    /// repeats (see <see cref="Evaluation.RepeatedLookupCursor"/>): null = kept while lookups repeat,
    /// true = always kept, false = never.
    /// </summary>
    internal bool? RepeatedLookups { get; init; }

    /// <summary>
    /// Whether a BGP check that the planner reads whole is read on another thread while the steps before
    /// it run (see <see cref="Evaluation.KeyedLists.Prefetch"/>): null = when the source can
    /// (<see cref="Dataset.IEncodedQuadSource.ReadInBackground"/>) and the machine has more than one core,
    /// true = whenever the source can, false = never.
    /// </summary>
    internal bool? ParallelReads { get; init; }

    /// <summary>
    /// Whether BGP steps that read a pattern whole (hash steps, checks read whole) take the structure from
    /// the source's <see cref="Dataset.ISharedScanCache"/> when an earlier query over the same data built
    /// it, and leave theirs there (off: every run reads its own; tests of the read paths turn it off).
    /// </summary>
    internal bool SharedScans { get; init; } = true;

    /// <summary>The most values one check list of a BGP intersection holds before that check reads points instead.</summary>
    internal long IntersectionListCap { get; init; } = 65_536;

    /// <summary>The same for a step that is an existence check (its table is a set of keys); the lower of the two applies.</summary>
    internal long HashCheckMinProbes { get; init; } = 64;

    /// <summary>
    /// Whether a BGP's first step that scans many matches and filters them itself runs on all cores
    /// (<see cref="Evaluation.ParallelFilteredScan"/>): null = when the estimate is large and there are
    /// several cores, true = whenever the step qualifies otherwise (tests), false = never.
    /// </summary>
    internal bool? ParallelScans { get; init; }

    /// <summary>Merge joins in BGPs: null = chosen by cost, true = wherever the index order allows, false = never (tests compare the two).</summary>
    internal bool? MergeJoins { get; init; }

    /// <summary>Record estimated and actual row counts per operator (see <see cref="SparqlResult.Plan"/>).</summary>
    public bool CollectStatistics { get; init; }

    /// <summary>Whether the store's result cache may answer the query and keep its result.</summary>
    public bool UseResultCache { get; init; } = true;

    /// <summary>
    /// The dataset's default graph as the merge of these graphs, in place of the query's FROM clauses
    /// (the SPARQL protocol's default-graph-uri). When this or <see cref="NamedGraphs"/> is set, the
    /// protocol's dataset replaces the query's whole dataset description; null = use the query's.
    /// </summary>
    public IReadOnlyList<Iri>? DefaultGraphs { get; init; }

    /// <summary>The dataset's named graphs in place of the query's FROM NAMED (the protocol's named-graph-uri).</summary>
    public IReadOnlyList<Iri>? NamedGraphs { get; init; }

    /// <summary>
    /// Where SERVICE patterns are sent; null = federation off (SERVICE fails, SERVICE SILENT is skipped).
    /// A store fills it from <see cref="StoreOptions.Federation"/>.
    /// </summary>
    public IServiceResolver? ServiceResolver { get; init; }

    /// <summary>The base IRI for IRI() and for relative IRIs; defaults to the query's base.</summary>
    public string? BaseIri { get; init; }
}
