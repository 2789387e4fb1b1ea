namespace TripleStore.Operations;

/// <summary>One inconsistency found by <see cref="IntegrityChecker"/>.</summary>
public sealed record IntegrityProblem(string Kind, string Index, string Key, string Detail, bool Repairable);
