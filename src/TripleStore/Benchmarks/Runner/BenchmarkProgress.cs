namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// Where a run is. <see cref="Phase"/> is one of Generate, Load, Materialize, Compile, Warmup, Queries, Clients;
/// <see cref="Completed"/> of <see cref="Total"/> counts the phase's steps (queries for the query
/// phases; 0 of 0 when the phase cannot tell).
/// </summary>
public sealed record BenchmarkProgress(string Phase, string Detail, long Completed, long Total, TimeSpan Elapsed)
{
    public int PercentComplete => Total > 0 ? (int)Math.Min(100, Completed * 100 / Total) : -1;
}
