namespace TripleStore.Benchmarks;

/// <summary>A named benchmark query, e.g. LUBM "Q7" or an instantiated BSBM "Q2".</summary>
public sealed record BenchmarkQuery(string Name, string Text);
