using TripleStore.Rdf;

namespace TripleStore.Tests.W3C;

/// <summary>
/// One entry of a W3C manifest. Besides the common fields it exposes its node and manifest graph, so
/// runners of other suites (SPARQL) can read their own properties such as qt:query or ut:data.
/// </summary>
public sealed class W3CTest
{
    public W3CTest(ManifestGraph manifest, Term node)
    {
        Manifest = manifest;
        Node = node;
    }

    public ManifestGraph Manifest { get; }

    /// <summary>The entry's node in the manifest, usually an IRI such as ...manifest.ttl#name.</summary>
    public Term Node { get; }

    public string Iri => Node is Iri iri ? iri.Value : Node.ToString();

    /// <summary>The part of the IRI after '#', a short unique id within the suite.</summary>
    public string Id
    {
        get
        {
            int hash = Iri.LastIndexOf('#');
            return hash >= 0 ? Iri[(hash + 1)..] : Iri;
        }
    }

    public string Name => (Property(W3CVocabulary.Name) as Literal)?.Value ?? Id;

    /// <summary>The full IRI of the test type (rdf:type), e.g. http://www.w3.org/ns/rdftest#TestTurtleEval.</summary>
    public string Type => (Property(RdfVocabulary.Type.Value) as Iri)?.Value ?? "";

    /// <summary>The local name of <see cref="Type"/>, e.g. TestTurtleEval.</summary>
    public string TypeName
    {
        get
        {
            var type = Type;
            int cut = Math.Max(type.LastIndexOf('#'), type.LastIndexOf('/'));
            return type[(cut + 1)..];
        }
    }

    /// <summary>The local name of rdft:approval or dawgt:approval, e.g. Approved, or null.</summary>
    public string? Approval
    {
        get
        {
            var value = (Property(W3CVocabulary.RdftApproval) ?? Property(W3CVocabulary.DawgtApproval)) as Iri;
            if (value is null) return null;
            int cut = Math.Max(value.Value.LastIndexOf('#'), value.Value.LastIndexOf('/'));
            return value.Value[(cut + 1)..];
        }
    }

    public Term? Action => Property(W3CVocabulary.Action);

    public Term? Result => Property(W3CVocabulary.Result);

    /// <summary>The local file of an IRI-valued mf:action, or null.</summary>
    public string? ActionPath => Action is Iri iri ? W3CSuiteLocation.LocalPathOf(iri.Value) : null;

    public string? ResultPath => Result is Iri iri ? W3CSuiteLocation.LocalPathOf(iri.Value) : null;

    /// <summary>The raw statements about this entry.</summary>
    public IReadOnlyList<Quad> Quads => Manifest.About(Node);

    public Term? Property(string predicate) => Manifest.Object(Node, predicate);

    public IEnumerable<Term> Properties(string predicate) => Manifest.Objects(Node, predicate);

    public override string ToString() => $"{Id} ({TypeName})";
}
