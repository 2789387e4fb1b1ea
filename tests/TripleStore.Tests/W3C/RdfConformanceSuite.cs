using TripleStore.Formats;
using TripleStore.Rdf;
using Xunit;
using Xunit.Abstractions;

namespace TripleStore.Tests.W3C;

/// <summary>
/// The W3C conformance tests of one RDF syntax suite. A suite is added by one class declaration:
/// <c>[RdfSuite("rdf/rdf11/rdf-xml/manifest.ttl")] public sealed class RdfXmlSuite(ITestOutputHelper o) : RdfConformanceSuite(o);</c>
/// </summary>
public abstract class RdfConformanceSuite(ITestOutputHelper output)
{
    /// <summary>The writers each defined graph is round-tripped through.</summary>
    public static IReadOnlyList<RdfFormat> RoundTripFormats { get; } = [RdfFormat.NTriples, RdfFormat.NQuads, RdfFormat.Turtle, RdfFormat.TriG];

    private string Manifest => RdfSuiteAttribute.Of(GetType());

    [Theory]
    [RdfSuiteData]
    public void Passes_W3C_test(string test)
    {
        var entry = RdfSuites.Find(Manifest, test);
        var failure = RdfTestRunner.Run(entry);
        Assert.True(failure is null, $"{entry}: {failure}");
    }

    [Fact]
    public void Passes_the_whole_suite()
    {
        var tests = RdfSuites.Tests(Manifest);
        var failures = new List<string>();
        foreach (var test in tests)
        {
            var failure = RdfTestRunner.Run(test);
            if (failure is not null) failures.Add($"{test}: {failure}");
        }
        var suite = Path.GetFileName(Path.GetDirectoryName(Manifest.Replace('/', Path.DirectorySeparatorChar)))!;
        output.WriteLine($"{suite}: {tests.Count} tests, {tests.Count - failures.Count} passed, {failures.Count} failed");
        foreach (var f in failures) output.WriteLine("  " + f);
        Assert.NotEmpty(tests);
        Assert.True(failures.Count == 0, $"{suite}: {failures.Count} of {tests.Count} tests failed:\n" + string.Join("\n", failures));
    }

    [Theory]
    [RdfSuiteData(GraphsOnly = true)]
    public void Writers_round_trip_the_test_graph(string test)
    {
        var entry = RdfSuites.Find(Manifest, test);
        var graph = RdfTestRunner.DefinedGraph(entry)!;
        bool hasNamedGraphs = graph.Any(q => q.Graph is not null);
        foreach (var format in RoundTripFormats)
        {
            if (hasNamedGraphs && !RdfFormats.SupportsNamedGraphs(format)) continue;
            var text = new StringWriter();
            using (var writer = RdfSerializer.Create(text, format, new RdfWriterOptions { Prefixes = CommonPrefixes }))
                foreach (var q in graph) writer.Write(q);
            List<Quad> back;
            try
            {
                using var reader = RdfParser.Create(new StringReader(text.ToString()), format);
                back = reader.ReadAll().ToList();
            }
            catch (RdfSyntaxException e)
            {
                throw new Xunit.Sdk.XunitException($"{entry}: {format} output does not parse: {e.Message}\n{text}");
            }
            var difference = Isomorphism.TryExplainDifference(graph, back);
            Assert.True(difference is null, $"{entry}: {format} round trip: {difference}\n{text}");
        }
    }

    private static readonly Dictionary<string, string> CommonPrefixes = new()
    {
        ["rdf"] = RdfVocabulary.Namespace,
        ["xsd"] = Xsd.Namespace,
        ["ex"] = "http://example.org/",
        ["t"] = "http://www.w3.org/2013/TurtleTests/",
    };
}
