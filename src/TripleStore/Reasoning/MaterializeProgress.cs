namespace TripleStore.Reasoning;

/// <summary>Reported once per fixpoint iteration.</summary>
public readonly record struct MaterializeProgress(string Phase, int Iteration, long FactsSoFar);
