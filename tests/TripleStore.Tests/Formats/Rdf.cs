using TripleStore.Formats;
using TripleStore.Rdf;

namespace TripleStore.Tests.Formats;

/// <summary>Small helpers to parse and write RDF text in tests.</summary>
internal static class Rdf
{
    public static List<Quad> Parse(string text, RdfFormat format, RdfReaderOptions? options = null)
    {
        using var reader = RdfParser.Create(new StringReader(text), format, options);
        return reader.ReadAll().ToList();
    }

    public static RdfSyntaxException ParseError(string text, RdfFormat format, RdfReaderOptions? options = null) =>
        Xunit.Assert.Throws<RdfSyntaxException>(() => Parse(text, format, options));

    public static string Write(IEnumerable<Quad> quads, RdfFormat format, RdfWriterOptions? options = null)
    {
        var text = new StringWriter();
        using (var writer = RdfSerializer.Create(text, format, options))
            foreach (var q in quads) writer.Write(q);
        return text.ToString();
    }

    public static Iri Ex(string local) => new("http://example.org/" + local);
}
