using TripleStore.Formats;
using TripleStore.Rdf;

namespace TripleStore.Storage;

/// <summary>One input of an import: a reader opened when its turn comes, or quads built in code.</summary>
internal sealed class ImportSource
{
    private readonly Func<RdfReader>? _openReader;
    private readonly IEnumerable<Quad>? _quads;

    private ImportSource(string? name, Func<RdfReader>? openReader, IEnumerable<Quad>? quads)
    {
        Name = name;
        _openReader = openReader;
        _quads = quads;
    }

    public string? Name { get; }

    public static ImportSource FromReader(string? name, Func<RdfReader> open) => new(name, open, null);

    public static ImportSource FromQuads(string? name, IEnumerable<Quad> quads) => new(name, null, quads);

    /// <summary>Streams the quads; <paramref name="errorsSkipped"/> receives the reader's lenient error count at the end.</summary>
    public IEnumerable<Quad> Read(Action<int> errorsSkipped)
    {
        if (_quads is not null)
        {
            foreach (var quad in _quads) yield return quad;
            yield break;
        }
        using var reader = _openReader!();
        while (reader.TryRead(out var quad)) yield return quad;
        errorsSkipped(reader.ErrorCount);
    }
}
