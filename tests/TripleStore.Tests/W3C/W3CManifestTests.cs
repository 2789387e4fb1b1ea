using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.W3C;

public class W3CManifestTests
{
    // The counts are those the suites' README gives (rdflib, tests deduplicated by IRI).
    [Theory]
    [InlineData("rdf/rdf11/rdf-n-triples/manifest.ttl", 70)]
    [InlineData("rdf/rdf11/rdf-n-quads/manifest.ttl", 87)]
    [InlineData("rdf/rdf11/rdf-turtle/manifest.ttl", 313)]
    [InlineData("rdf/rdf11/rdf-trig/manifest.ttl", 356)]
    [InlineData("rdf/rdf11/rdf-xml/manifest.ttl", 166)]
    [InlineData("sparql/sparql10/manifest.ttl", 482)]
    [InlineData("sparql/sparql11/manifest-all.ttl", 625)]
    public void Loads_every_test_reachable_through_includes(string manifest, int expected)
    {
        Assert.Equal(expected, W3CManifest.Load(manifest).Count);
    }

    [Fact]
    public void Entries_expose_name_type_approval_and_files()
    {
        var test = W3CManifest.Load("rdf/rdf11/rdf-turtle/manifest.ttl").Single(t => t.Id == "IRI_subject");
        Assert.Equal("https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/manifest.ttl#IRI_subject", test.Iri);
        Assert.Equal("IRI_subject", test.Name);
        Assert.Equal("TestTurtleEval", test.TypeName);
        Assert.Equal("Approved", test.Approval);
        Assert.True(File.Exists(test.ActionPath));
        Assert.EndsWith("IRI_spo.nt", test.ResultPath);
    }

    [Fact]
    public void Sparql_entries_give_access_to_their_own_properties()
    {
        var tests = W3CManifest.Load("sparql/sparql11/manifest-all.ttl");
        var test = tests.First(t => t.TypeName == "QueryEvaluationTest" && t.Action is BlankNode);
        var query = test.Manifest.Object(test.Action!, W3CVocabulary.Qt + "query") as Iri;
        Assert.NotNull(query);
        Assert.True(File.Exists(W3CSuiteLocation.LocalPathOf(query!.Value)), query.Value);
        Assert.Contains(test.Quads, q => q.Predicate.Value == W3CVocabulary.Action);
    }
}
