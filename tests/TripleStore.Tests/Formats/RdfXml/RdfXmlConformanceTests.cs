using TripleStore.Formats;
using TripleStore.Rdf;
using Xunit;
using Xunit.Abstractions;

namespace TripleStore.Tests.Formats.RdfXml;

public sealed class RdfXmlConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> TestNames()
    {
        var data = new TheoryData<string>();
        foreach (var e in RdfXmlTestSuite.Entries()) data.Add(e.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(TestNames))]
    public void W3CTest(string name)
    {
        var entry = RdfXmlTestSuite.Entries().Single(e => e.Name == name);
        var failure = Run(entry);
        Assert.True(failure is null, failure);
    }

    [Fact]
    public void WholeSuitePasses()
    {
        var entries = RdfXmlTestSuite.Entries();
        var failures = entries.Select(e => (e.Name, Failure: Run(e))).Where(r => r.Failure is not null).ToList();
        output.WriteLine($"rdf-xml: {entries.Count} tests, {entries.Count - failures.Count} passed, {failures.Count} failed");
        foreach (var f in failures) output.WriteLine($"{f.Name}: {f.Failure}");
        Assert.Equal(166, entries.Count);
        Assert.Empty(failures);
    }

    private static string? Run(RdfXmlTestSuite.Entry entry)
    {
        var path = Path.Combine(RdfXmlTestSuite.Directory, entry.Action);
        var options = new RdfReaderOptions { BaseIri = RdfXmlTestSuite.BaseIri + entry.Action, SourceName = entry.Action };
        List<Triple> actual;
        try
        {
            using var reader = RdfParser.Create(File.OpenRead(path), RdfFormat.RdfXml, options);
            actual = reader.ReadAll().Select(q => q.Triple).ToList();
        }
        catch (RdfSyntaxException ex)
        {
            return entry.Type == "TestXMLNegativeSyntax" ? null : "rejected: " + ex.Message;
        }
        if (entry.Type == "TestXMLNegativeSyntax") return "accepted a document that must be rejected:\n" + GraphIsomorphism.Describe(actual);
        var expected = ExpectedNTriples.Read(Path.Combine(RdfXmlTestSuite.Directory, entry.Result!));
        return GraphIsomorphism.AreIsomorphic(actual, expected)
            ? null
            : $"graphs differ\nexpected:\n{GraphIsomorphism.Describe(expected)}\nactual:\n{GraphIsomorphism.Describe(actual)}";
    }
}
