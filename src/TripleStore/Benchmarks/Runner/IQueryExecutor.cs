namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// Runs one benchmark query to the end and returns how many results it gave: solutions for SELECT,
/// triples for CONSTRUCT and DESCRIBE, 1 or 0 for ASK. The runner times each call, so an executor must
/// read the whole answer inside it. It is called from several threads at once when a run has clients.
/// </summary>
public interface IQueryExecutor
{
    /// <summary>A short name for reports, e.g. "TripleStore" or the peer's name.</summary>
    string Name { get; }

    long Execute(BenchmarkQuery query, CancellationToken cancellation);
}
