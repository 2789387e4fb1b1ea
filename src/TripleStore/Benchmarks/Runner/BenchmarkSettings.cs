namespace TripleStore.Benchmarks.Runner;

/// <summary>What <see cref="BenchmarkRunner.Run"/> measures and where.</summary>
public sealed record BenchmarkSettings
{
    public BenchmarkKind Benchmark { get; init; } = BenchmarkKind.Lubm;

    /// <summary>Universities (LUBM) or products (BSBM).</summary>
    public int Scale { get; init; } = 1;

    public ulong Seed { get; init; }

    /// <summary>The seed of BSBM's query parameters.</summary>
    public ulong ParameterSeed { get; init; } = 1;

    /// <summary>Distinct BSBM mixes drawn and cycled through (their result counts are recorded together).</summary>
    public int Mixes { get; init; } = BsbmWorkload.DefaultMixes;

    /// <summary>Untimed rounds before the measured ones (JIT, caches).</summary>
    public int Warmup { get; init; } = 2;

    /// <summary>Measured rounds on one client; each client runs as many in the concurrent phase.</summary>
    public int Iterations { get; init; } = 10;

    /// <summary>Concurrent clients for the second query phase; 1 runs only the single-client phase.</summary>
    public int Clients { get; init; } = 1;

    /// <summary>An empty or missing folder for the store; null uses a temporary folder deleted afterwards.</summary>
    public string? StorePath { get; init; }

    /// <summary>Where the generated N-Triples file is written and reused; null uses a temporary folder deleted afterwards.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The counts answers are checked against; null uses <see cref="ExpectedCounts.Default"/>.</summary>
    public ExpectedCounts? ExpectedCounts { get; init; }

    /// <summary>Longest a single query may run; null = no limit.</summary>
    public TimeSpan? QueryTimeout { get; init; }

    /// <summary>
    /// Whether the store's query result cache is on (off by default). The measured rounds cycle through
    /// <see cref="Mixes"/> drawn mixes, so with the cache on a query instance seen before is answered from
    /// memory: the run then measures the cache as much as the evaluator (its hit ratio is reported).
    /// </summary>
    public bool ResultCache { get; init; }

    /// <summary>
    /// Whether the query engine is compiled (<see cref="QueryEngineWarmup"/>) after the load and before the
    /// warm-up rounds (on by default), so that no measured execution pays for compiling code an earlier instance's
    /// plan did not use. Off measures what a process pays the first time each plan shape runs.
    /// </summary>
    public bool CompileQueryEngine { get; init; } = true;

    /// <summary>Recorded with the result, e.g. the git commit measured.</summary>
    public string? Commit { get; init; }

    /// <summary>Throws <see cref="TripleStoreException"/> (ConfigurationInvalid) for out-of-range values.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration, message);
        }
        Require(Scale >= 1, $"Scale must be at least 1, not {Scale}.");
        Require(Warmup >= 0, $"Warmup must be 0 or more, not {Warmup}.");
        Require(Iterations >= 1, $"Iterations must be at least 1, not {Iterations}.");
        Require(Clients >= 1, $"Clients must be at least 1, not {Clients}.");
        Require(Mixes >= 1, $"Mixes must be at least 1, not {Mixes}.");
    }
}
