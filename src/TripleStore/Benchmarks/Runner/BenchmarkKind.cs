namespace TripleStore.Benchmarks.Runner;

/// <summary>Which benchmark a run measures.</summary>
public enum BenchmarkKind
{
    /// <summary>LUBM(N): N universities, the univ-bench ontology, OWL 2 RL materialization, the 14 queries.</summary>
    Lubm,

    /// <summary>BSBM with N products, explore query mixes Q1–Q12.</summary>
    Bsbm,
}
