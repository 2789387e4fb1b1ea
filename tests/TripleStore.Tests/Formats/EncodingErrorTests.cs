using System.Text;
using TripleStore.Formats;
using Xunit;

namespace TripleStore.Tests.Formats;

/// <summary>Bytes that are not UTF-8 must be reported as a syntax error, never become U+FFFD silently.</summary>
public class EncodingErrorTests
{
    private static byte[] DocumentWithInvalidUtf8()
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes("<http://example.org/s> <http://example.org/p> \"ok\" .\n<http://example.org/s> <http://example.org/p> \"bad "));
        bytes.AddRange([0xC3, 0x28]); // a two-byte lead followed by an ASCII byte
        bytes.AddRange(Encoding.UTF8.GetBytes("\" .\n"));
        return bytes.ToArray();
    }

    [Theory]
    [InlineData(RdfFormat.NTriples)]
    [InlineData(RdfFormat.Turtle)]
    [InlineData(RdfFormat.TriG)]
    public void Invalid_utf8_stops_a_strict_reader_with_a_syntax_error(RdfFormat format)
    {
        using var reader = RdfParser.Create(new MemoryStream(DocumentWithInvalidUtf8()), format, new RdfReaderOptions { SourceName = "bad.nt" });
        var e = Assert.Throws<RdfSyntaxException>(() => { while (reader.TryRead(out _)) { } });
        Assert.Equal(ErrorCodes.RdfSyntax, e.ErrorCode);
        Assert.Contains("UTF-8", e.Message);
        Assert.Equal("bad.nt", e.Position.Source);
    }

    [Theory]
    [InlineData(RdfFormat.NTriples)]
    [InlineData(RdfFormat.Turtle)]
    public void Invalid_utf8_is_reported_in_lenient_mode_and_nothing_after_it_is_invented(RdfFormat format)
    {
        var errors = new List<RdfSyntaxError>();
        using var reader = RdfParser.Create(new MemoryStream(DocumentWithInvalidUtf8()), format,
            new RdfReaderOptions { SourceName = "bad.nt", Lenient = true, OnError = errors.Add });
        var quads = reader.ReadAll().ToList();
        var error = Assert.Single(errors);
        Assert.Contains("UTF-8", error.Message);
        Assert.DoesNotContain(quads, q => q.Object.ToString().Contains('\uFFFD'));
    }

    [Fact]
    public void Valid_multibyte_utf8_reads_unchanged()
    {
        var text = "<http://example.org/s> <http://example.org/p> \"Grüße 日本 🎉\" .\n";
        using var reader = RdfParser.Create(new MemoryStream(Encoding.UTF8.GetBytes(text)), RdfFormat.NTriples);
        Assert.True(reader.TryRead(out var quad));
        Assert.Equal("Grüße 日本 🎉", ((TripleStore.Rdf.Literal)quad.Object).Value);
    }
}
