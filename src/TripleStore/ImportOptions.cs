using TripleStore.Formats;
using TripleStore.Rdf;

namespace TripleStore;

/// <summary>How <see cref="RdfStore.Import(IEnumerable{string}, ImportOptions?, IProgress{ImportProgress}?, CancellationToken)"/> reads its input.</summary>
public sealed record ImportOptions
{
    /// <summary>The syntax of every file; null chooses by each file's extension.</summary>
    public RdfFormat? Format { get; init; }

    /// <summary>The graph that triples go to (null = the default graph). Quads that name a graph keep it.</summary>
    public Term? Graph { get; init; }

    /// <summary>The base IRI for relative references; null uses each file's own file: URI.</summary>
    public string? BaseIri { get; init; }

    /// <summary>Skip bad statements (reported through <see cref="OnError"/>) instead of failing the import.</summary>
    public bool Lenient { get; init; }

    /// <summary>Receives each statement skipped in lenient mode.</summary>
    public Action<RdfSyntaxError>? OnError { get; init; }

    /// <summary>
    /// About how much memory the import may use, in bytes (default 1 GiB). Its sort buffers hold at most three
    /// quarters of it at once; larger inputs spill sorted runs to disk, so memory stays bounded whatever the
    /// input size. The process's peak resident set is about 0.8 times the budget plus 150 MiB.
    /// </summary>
    public long MemoryBudgetBytes { get; init; } = DefaultMemoryBudgetBytes;

    /// <summary>The default <see cref="MemoryBudgetBytes"/>: 1 GiB.</summary>
    public const long DefaultMemoryBudgetBytes = 1L << 30;

    /// <summary>
    /// How many key ranges the canonical merge is cut into, each merged and written on a thread of its own
    /// (0: one per core, at most 4). Internal: tests force a count to compare the partitioned merge with the single one.
    /// </summary>
    internal int MergePartitions { get; init; }

    /// <summary>Told each time the import gives memory back between phases, with the phase (tests check that large imports do and small ones do not).</summary>
    internal Action<string>? OnMemoryReleased { get; init; }

    /// <summary>Told how many key ranges the canonical merge used (tests check that a partitioned merge really ran).</summary>
    internal Action<int>? OnMergeRanges { get; init; }
}
