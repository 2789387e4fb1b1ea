namespace TripleStore.Formats;

/// <summary>One syntax error: where it is and what is wrong. Lenient readers report these and go on.</summary>
public sealed record RdfSyntaxError(SourcePosition Position, string Message)
{
    public string? Source => Position.Source;
    public long Line => Position.Line;
    public long Column => Position.Column;

    public override string ToString() => $"{Position}: {Message}";
}
