namespace TripleStore;

/// <summary>What a write did: quads that were new, and quads that existed and were removed.</summary>
public readonly record struct ChangeSummary(long Added, long Removed);
