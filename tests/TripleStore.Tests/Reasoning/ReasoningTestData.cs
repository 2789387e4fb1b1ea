using TripleStore.Dataset;
using TripleStore.Formats;
using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Tests.Storage;

namespace TripleStore.Tests.Reasoning;

/// <summary>Turtle snippets with the usual prefixes, and a store in a temp folder to materialize them in.</summary>
public sealed class ReasoningTestData : IDisposable
{
    public const string Prefixes = """
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix : <http://example.org/> .

        """;

    private readonly TempFolder _folder = new();

    public ReasoningTestData() => Store = RdfStore.Open(_folder.Combine("store"));

    public RdfStore Store { get; }

    public static List<Triple> Parse(string turtle)
    {
        using var reader = RdfParser.Create(new StringReader(Prefixes + turtle), RdfFormat.Turtle);
        return reader.ReadAll().Select(q => q.Triple).ToList();
    }

    public static Triple T(string turtleTriple) => Parse(turtleTriple + " .").Single();

    public void Add(IEnumerable<Triple> triples) => Store.AddRange(triples.Select(t => t.InGraph(null)));

    public MaterializeResult Materialize(ReasoningProfile profile = ReasoningProfile.Owl2Rl, IReadOnlyCollection<string>? rules = null, bool full = false) =>
        Store.Materialize(new MaterializeOptions { Profile = profile, Rules = rules, Full = full });

    public HashSet<Triple> All(bool includeDerived = true)
    {
        using var snapshot = Store.OpenSnapshot(includeDerived);
        return snapshot.Match(null, null, null, GraphSelector.Default).Select(q => q.Triple).ToHashSet();
    }

    /// <summary>What the store shows beyond its asserted triples.</summary>
    public HashSet<Triple> Derived()
    {
        var all = All();
        all.ExceptWith(All(includeDerived: false));
        return all;
    }

    public void Dispose()
    {
        Store.Dispose();
        _folder.Dispose();
    }
}
