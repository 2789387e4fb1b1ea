using TripleStore.Formats;
using TripleStore.Tests.W3C;
using Xunit;

namespace TripleStore.Tests.Formats;

/// <summary>
/// Damaged documents must either parse or fail with <see cref="RdfSyntaxException"/>; any other exception
/// would be a bug that lets bad input crash a caller. The damage is drawn from a fixed seed, so a failure
/// repeats.
/// </summary>
public class MalformedInputTests
{
    private static readonly string[] Fragments = ["<", ">", "\"", "'", "\"\"\"", "\\", "\\u", "@", "^^", "_:", ":", ".", ";", ",", "[", "]", "(", ")", "{", "}", "#", "\n", "\uD800", "%", "a", "1.", "e", "GRAPH", "@prefix", "PREFIX"];

    [Theory]
    [InlineData("rdf/rdf11/rdf-turtle", "*.ttl", RdfFormat.Turtle)]
    [InlineData("rdf/rdf11/rdf-trig", "*.trig", RdfFormat.TriG)]
    [InlineData("rdf/rdf11/rdf-n-triples", "*.nt", RdfFormat.NTriples)]
    [InlineData("rdf/rdf11/rdf-n-quads", "*.nq", RdfFormat.NQuads)]
    public void Damaged_documents_fail_only_with_syntax_errors(string folder, string pattern, RdfFormat format)
    {
        var random = new Random(20261130);
        var files = Directory.GetFiles(W3CSuiteLocation.LocalPath(folder), pattern).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);
        int failures = 0;
        foreach (var file in files)
        {
            var original = File.ReadAllText(file);
            for (int i = 0; i < 4; i++)
            {
                var damaged = Damage(original, random);
                foreach (var lenient in new[] { false, true })
                {
                    try
                    {
                        using var reader = RdfParser.Create(new StringReader(damaged), format,
                            new RdfReaderOptions { BaseIri = "http://example.org/base/", Lenient = lenient, MaxNestingDepth = 50 });
                        while (reader.TryRead(out _)) { }
                    }
                    catch (RdfSyntaxException e)
                    {
                        Assert.True(e.Position.Line >= 1 && e.Position.Column >= 1, e.Message);
                        failures++;
                    }
                    catch (Exception e)
                    {
                        Assert.Fail($"{Path.GetFileName(file)} damaged as\n{damaged}\nthrew {e}");
                    }
                }
            }
        }
        Assert.True(failures > 0, "the damage should make at least some documents invalid");
    }

    private static string Damage(string text, Random random)
    {
        int at = random.Next(text.Length + 1);
        switch (random.Next(3))
        {
            case 0: return text.Insert(at, Fragments[random.Next(Fragments.Length)]);
            case 1: return at < text.Length ? text.Remove(at, Math.Min(1 + random.Next(3), text.Length - at)) : text;
            default:
                int to = random.Next(text.Length + 1);
                return text[..Math.Min(at, to)] + text[Math.Max(at, to)..];
        }
    }
}
