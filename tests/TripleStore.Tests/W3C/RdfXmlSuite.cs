using TripleStore.Formats;
using TripleStore.Rdf;
using Xunit;
using Xunit.Abstractions;

namespace TripleStore.Tests.W3C;

[RdfSuite("rdf/rdf11/rdf-xml/manifest.ttl")]
public sealed class RdfXmlSuite(ITestOutputHelper output) : RdfConformanceSuite(output)
{
    /// <summary>
    /// The RDF/XML writer is checked here rather than in the shared round trip, because RDF/XML cannot
    /// write every graph of the other suites (predicates must split into QNames).
    /// </summary>
    [Theory]
    [RdfSuiteData(GraphsOnly = true)]
    public void RdfXml_writer_round_trips_the_test_graph(string test)
    {
        var entry = RdfSuites.Find(RdfSuiteAttribute.Of(GetType()), test);
        var graph = RdfTestRunner.DefinedGraph(entry)!;
        var text = new StringWriter();
        using (var writer = RdfSerializer.Create(text, RdfFormat.RdfXml, new RdfWriterOptions { Prefixes = Prefixes }))
            foreach (var q in graph) writer.Write(q);
        List<Quad> back;
        try
        {
            using var reader = RdfParser.Create(new StringReader(text.ToString()), RdfFormat.RdfXml);
            back = reader.ReadAll().ToList();
        }
        catch (RdfSyntaxException e)
        {
            throw new Xunit.Sdk.XunitException($"{entry}: RDF/XML output does not parse: {e.Message}\n{text}");
        }
        var difference = Isomorphism.TryExplainDifference(graph, back);
        Assert.True(difference is null, $"{entry}: RDF/XML round trip: {difference}\n{text}");
    }

    private static readonly Dictionary<string, string> Prefixes = new()
    {
        ["rdf"] = RdfVocabulary.Namespace,
        ["ex"] = "http://example.org/",
    };
}
