using TripleStore.Formats;
using TripleStore.Rdf;

namespace TripleStore.Tests.W3C;

/// <summary>The triples of one manifest file, indexed by subject, with helpers to read properties and lists.</summary>
public sealed class ManifestGraph
{
    private readonly Dictionary<Term, List<Quad>> _bySubject = new();

    private ManifestGraph(string path, string iri, List<Quad> quads)
    {
        Path = path;
        Iri = iri;
        Quads = quads;
        foreach (var q in quads)
        {
            if (!_bySubject.TryGetValue(q.Subject, out var list)) _bySubject[q.Subject] = list = new List<Quad>();
            list.Add(q);
        }
    }

    /// <summary>The local file.</summary>
    public string Path { get; }

    /// <summary>The published IRI of the file, its base.</summary>
    public string Iri { get; }

    public IReadOnlyList<Quad> Quads { get; }

    /// <summary>Reads a manifest with the Turtle reader, its published IRI as base.</summary>
    public static ManifestGraph Read(string localPath)
    {
        var iri = W3CSuiteLocation.IriOf(localPath);
        using var reader = RdfParser.OpenFile(localPath, RdfFormat.Turtle, new RdfReaderOptions { BaseIri = iri });
        return new ManifestGraph(localPath, iri, reader.ReadAll().ToList());
    }

    public IReadOnlyList<Quad> About(Term subject) =>
        _bySubject.TryGetValue(subject, out var list) ? list : [];

    public IEnumerable<Term> Objects(Term subject, string predicate) =>
        About(subject).Where(q => q.Predicate.Value == predicate).Select(q => q.Object);

    public Term? Object(Term subject, string predicate) => Objects(subject, predicate).FirstOrDefault();

    public IEnumerable<Term> Subjects(string predicate, Term obj) =>
        Quads.Where(q => q.Predicate.Value == predicate && q.Object.Equals(obj)).Select(q => q.Subject);

    /// <summary>The members of the RDF collection that starts at <paramref name="head"/>.</summary>
    public IReadOnlyList<Term> List(Term head)
    {
        var items = new List<Term>();
        var seen = new HashSet<Term>();
        for (var node = head; !node.Equals(RdfVocabulary.Nil);)
        {
            if (!seen.Add(node)) throw new InvalidDataException($"{Path}: the list at {head} is cyclic.");
            items.Add(Object(node, RdfVocabulary.First.Value) ?? throw new InvalidDataException($"{Path}: list node {node} has no rdf:first."));
            node = Object(node, RdfVocabulary.Rest.Value) ?? throw new InvalidDataException($"{Path}: list node {node} has no rdf:rest.");
        }
        return items;
    }
}
