using Xunit;
using TripleStore.Tests.W3C;
using Xunit.Abstractions;

namespace TripleStore.Tests.Server;

/// <summary>
/// The W3C SPARQL 1.1 Protocol and Graph Store Protocol suites, every test, each against a fresh store
/// behind a running server. Each suite prints its count line, as the other W3C suites do.
/// </summary>
public sealed class ProtocolConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Sparql_protocol_suite_passes() => RunSuite("sparql/sparql11/protocol/manifest.ttl", "sparql11-protocol", expectedTests: 34);

    [Fact]
    public void Graph_store_protocol_suite_passes() => RunSuite("sparql/sparql11/graph-store-protocol/manifest.ttl", "sparql11-graph-store-protocol", expectedTests: 13);

    /// <summary>manifest-direct.ttl defines this test but leaves it out of its mf:entries; it runs here all the same.</summary>
    [Fact]
    public void Graph_store_head_on_a_missing_graph_by_direct_identification_is_404()
    {
        var manifest = ManifestGraph.Read(W3CSuiteLocation.LocalPath("sparql/sparql11/graph-store-protocol/manifest-direct.ttl"));
        var node = new global::TripleStore.Rdf.Iri("http://www.w3.org/2009/sparql/docs/tests/data-sparql11/http-rdf-update/manifest#head_non_existing_direct");
        Assert.NotEmpty(manifest.About(node));
        ProtocolTestRunner.Run(new W3CTest(manifest, node));
    }

    private void RunSuite(string manifest, string suite, int expectedTests)
    {
        var tests = W3CManifest.Load(manifest);
        var failures = new List<string>();
        foreach (var test in tests)
        {
            try
            {
                ProtocolTestRunner.Run(test);
            }
            catch (Exception e)
            {
                failures.Add($"{test.Id}: {e.Message}");
            }
        }
        var line = $"{suite}: {tests.Count} tests, {tests.Count - failures.Count} passed, {failures.Count} failed";
        output.WriteLine(line);
        Console.WriteLine(line);
        Assert.Equal(expectedTests, tests.Count);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
