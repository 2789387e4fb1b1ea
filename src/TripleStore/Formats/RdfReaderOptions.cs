using TripleStore.Rdf;

namespace TripleStore.Formats;

/// <summary>How a reader treats its input.</summary>
public sealed record RdfReaderOptions
{
    /// <summary>The base IRI for relative references; readers of files default it to the file's own file: URI.</summary>
    public string? BaseIri { get; init; }

    /// <summary>The name reported in errors, usually the file path.</summary>
    public string? SourceName { get; init; }

    /// <summary>
    /// Skip a bad statement, report it through <see cref="OnError"/> and go on. Off by default: the
    /// first error stops the reader.
    /// </summary>
    public bool Lenient { get; init; }

    /// <summary>Receives each skipped error in lenient mode.</summary>
    public Action<RdfSyntaxError>? OnError { get; init; }

    /// <summary>The deepest nesting of collections, blank node property lists or XML elements accepted.</summary>
    public int MaxNestingDepth { get; init; } = 1_000;

    /// <summary>The longest literal or IRI accepted, in characters.</summary>
    public int MaxTermLength { get; init; } = 64 * 1024 * 1024;

    /// <summary>The blank node scope; a fresh one per document unless the caller shares one on purpose.</summary>
    public BlankNodeScope? BlankNodes { get; init; }

    /// <summary>For N-Triples/N-Quads/Turtle/TriG: the graph that triples outside a GRAPH block go to (null = default graph).</summary>
    public Term? DefaultGraph { get; init; }
}
