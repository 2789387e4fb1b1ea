namespace TripleStore;

/// <summary>A place in a text source: its name (usually a file path), 1-based line and column.</summary>
public readonly record struct SourcePosition(string? Source, long Line, long Column)
{
    public override string ToString() => $"{Source ?? "<input>"}:{Line}:{Column}";
}
