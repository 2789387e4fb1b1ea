namespace TripleStore.Formats;

/// <summary>How a writer lays out its output.</summary>
public sealed record RdfWriterOptions
{
    /// <summary>Prefixes to declare and use (Turtle, TriG, RDF/XML); ignored by N-Triples and N-Quads.</summary>
    public IReadOnlyDictionary<string, string>? Prefixes { get; init; }

    /// <summary>A base IRI to declare; relative IRIs are not produced unless this is set.</summary>
    public string? BaseIri { get; init; }
}
