namespace TripleStore.Operations;

/// <summary>The result of a full integrity check.</summary>
public sealed record IntegrityReport(string StorePath, long QuadsChecked, IReadOnlyList<IntegrityProblem> Problems, bool Repaired)
{
    public bool IsConsistent => Problems.Count == 0;
}
