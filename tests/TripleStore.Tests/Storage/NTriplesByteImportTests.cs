using System.Text;
using TripleStore.Dataset;
using TripleStore.Formats;
using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.Storage;

/// <summary>
/// N-Triples and N-Quads files are imported by a parallel parser that works on bytes and leaves unusual
/// lines to the full reader. These tests hold it to the full reader: the same quads, the same blank node
/// scoping, and errors at the same line and column, also deep in files of many blocks.
/// </summary>
public class NTriplesByteImportTests
{
    private const string Xsd = "http://www.w3.org/2001/XMLSchema#";

    // Lines that take every path: plain, inline and hashed literals, UTF-8, escapes (left to the full reader),
    // language tags, datatypes, blank node labels with dots, comments, and all three kinds of line break.
    private static readonly string TrickyLines =
        "\uFEFF<http://ex.org/s1> <http://ex.org/p> \"a plain value longer than fourteen bytes\" .\n" +
        "<http://ex.org/s1> <http://ex.org/p> \"short\" .\n" +
        "<http://ex.org/s1> <http://ex.org/p> \"\" .\n" +
        "<http://ex.org/s1> <http://ex.org/p> \"caf\\u00E9 au lait, long enough\" .\n" +
        "<http://ex.org/s1> <http://ex.org/p> \"café au lait, long enough too\" .\n" +
        "<http://ex.org/s1> <http://ex.org/p> \"é\" .\n" +
        "<http://ex.org/s1> <http://ex.org/p> \"chat\"@FR .\n" +
        "<http://ex.org/s1> <http://ex.org/p> \"chat\"@en-GB-oxendict .\n" +
        $"<http://ex.org/s1> <http://ex.org/p> \"42\"^^<{Xsd}integer> .\n" +
        $"<http://ex.org/s1> <http://ex.org/p> \"042\"^^<{Xsd}integer> .\n" +
        $"<http://ex.org/s1> <http://ex.org/p> \"2.5\"^^<{Xsd}decimal> .\n" +
        $"<http://ex.org/s1> <http://ex.org/p> \"a long string typed as xsd:string\"^^<{Xsd}string> .\n" +
        "<http://ex.org/s1> <http://ex.org/p> \"x\"^^<http://ex.org/dt> .\n" +
        "<http://ex.org/résumé> <http://ex.org/p> <http://ex.org/\\u00E9t\\u00E9> .\n" +
        "<http://ex.org/s1> <http://ex.org/p> \"quote \\\" and tab\\t inside\" .\n" +
        "_:b1 <http://ex.org/p> _:b2 .\n" +
        "_:b1.x <http://ex.org/p> _:b2.\n" +
        "_:b2 <http://ex.org/p> \"tab\"\t.\t# a comment, é\n" +
        "# a comment line\n" +
        "   \n" +
        "<http://ex.org/crlf> <http://ex.org/p> <http://ex.org/o> .\r\n" +
        "<http://ex.org/cr> <http://ex.org/p> <http://ex.org/o> .\r" +
        "<http://ex.org/s2><http://ex.org/p><http://ex.org/o>.\n";

    private static List<string> Canonical(RdfStore store)
    {
        using var snapshot = store.OpenSnapshot();
        // Blank node ids are fresh per import; compare them by where they occur instead.
        return snapshot.Match(null, null, null, GraphSelector.All)
            .Select(q => string.Join(" ", new[] { q.Subject, q.Predicate, q.Object, q.Graph }.Select(t => t is BlankNode ? "_" : t?.ToString() ?? "default")))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static int DistinctBlankNodes(RdfStore store)
    {
        using var snapshot = store.OpenSnapshot();
        return snapshot.Match(null, null, null, GraphSelector.All)
            .SelectMany(q => new[] { q.Subject, q.Object, q.Graph })
            .OfType<BlankNode>().Distinct().Count();
    }

    private static (List<string> Fast, List<string> Full, int FastBlanks, int FullBlanks) ImportBothWays(TempFolder folder, string name, string text, RdfFormat format)
    {
        string path = folder.Combine(name);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
        using var fast = RdfStore.Open(folder.Combine("fast-" + name));
        using var full = RdfStore.Open(folder.Combine("full-" + name));
        fast.Import([path]);
        // Readers handed in by the caller always go through the full reader.
        full.Import([RdfParser.OpenFile(path, format)]);
        return (Canonical(fast), Canonical(full), DistinctBlankNodes(fast), DistinctBlankNodes(full));
    }

    [Fact]
    public void Every_kind_of_line_imports_as_the_full_reader_reads_it()
    {
        using var folder = new TempFolder();
        var (fast, full, fastBlanks, fullBlanks) = ImportBothWays(folder, "tricky.nt", TrickyLines, RdfFormat.NTriples);
        Assert.Equal(21, full.Count);
        Assert.Equal(full, fast);
        Assert.Equal(3, fullBlanks);
        Assert.Equal(fullBlanks, fastBlanks);
    }

    [Fact]
    public void A_file_of_many_blocks_keeps_blank_node_labels_one_node_each()
    {
        using var folder = new TempFolder();
        var text = new StringBuilder();
        // About 5 MB: several blocks parsed on different threads, with labels repeating across them.
        for (int n = 0; n < 50_000; n++)
        {
            text.Append($"<http://ex.org/big/s{n}> <http://ex.org/p> _:shared{n % 7} .\n");
            text.Append($"_:shared{n % 7} <http://ex.org/label> \"label number {n} of the large file\" .\n");
            if (n % 5000 == 0) text.Append($"<http://ex.org/big/s{n}> <http://ex.org/note> \"escaped \\u00E9 {n}\" .\n");
        }
        var (fast, full, fastBlanks, fullBlanks) = ImportBothWays(folder, "big.nt", text.ToString(), RdfFormat.NTriples);
        Assert.Equal(100_010, full.Count);
        Assert.Equal(full, fast);
        Assert.Equal(7, fullBlanks);
        Assert.Equal(7, fastBlanks);
    }

    [Fact]
    public void N_quads_graphs_import_as_the_full_reader_reads_them()
    {
        using var folder = new TempFolder();
        string text =
            "<http://ex.org/s> <http://ex.org/p> <http://ex.org/o> <http://ex.org/g1> .\n" +
            "<http://ex.org/s> <http://ex.org/p> \"in g2\" <http://ex.org/g2>.\n" +
            "<http://ex.org/s> <http://ex.org/p> \"default\" .\n" +
            "_:a <http://ex.org/p> _:a _:g .\n" +
            "_:a <http://ex.org/p> \"x\"@en _:g .\n";
        var (fast, full, fastBlanks, fullBlanks) = ImportBothWays(folder, "graphs.nq", text, RdfFormat.NQuads);
        Assert.Equal(5, full.Count);
        Assert.Equal(full, fast);
        Assert.Equal(2, fullBlanks);
        Assert.Equal(2, fastBlanks);
    }

    public static TheoryData<string, string> BadLines => new()
    {
        { "unterminated literal", "<http://ex.org/s> <http://ex.org/p> \"open .\n" },
        { "relative IRI", "<http://ex.org/s> <p> <http://ex.org/o> .\n" },
        { "bad escape", "<http://ex.org/s> <http://ex.org/p> \"bad \\q escape\" .\n" },
        { "missing dot", "<http://ex.org/s> <http://ex.org/p> <http://ex.org/o>\n" },
        { "literal subject", "\"s\" <http://ex.org/p> <http://ex.org/o> .\n" },
        { "text after the dot", "<http://ex.org/s> <http://ex.org/p> <http://ex.org/o> . <x>\n" },
        { "space in an IRI", "<http://ex.org/s> <http://ex.org/p> <http://ex.org/o x> .\n" },
        { "bad language tag", "<http://ex.org/s> <http://ex.org/p> \"x\"@en- .\n" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void An_error_deep_in_a_large_file_names_the_same_line_and_column_as_the_full_reader(string what, string badLine)
    {
        using var folder = new TempFolder();
        var text = new StringBuilder();
        for (int n = 0; n < 40_000; n++)
        {
            text.Append($"<http://ex.org/s{n}> <http://ex.org/p> \"value {n} with some length to it\" .");
            // Mixed line breaks, so the line count must agree on CR and CRLF too.
            text.Append((n % 3) switch { 0 => "\n", 1 => "\r\n", _ => "\r" });
        }
        text.Append(badLine);
        text.Append("<http://ex.org/after> <http://ex.org/p> <http://ex.org/o> .\n");
        string path = folder.Combine("bad.nt");
        File.WriteAllText(path, text.ToString());

        var expected = Assert.Throws<RdfSyntaxException>(() =>
        {
            using var reader = RdfParser.OpenFile(path);
            while (reader.TryRead(out _)) { }
        });
        using var store = RdfStore.Open(folder.Combine("store"));
        store.Add(new Quad(new Iri("http://ex.org/existing"), new Iri("http://ex.org/p"), new Iri("http://ex.org/o")));
        var actual = Assert.Throws<RdfSyntaxException>(() => store.Import([path]));
        Assert.Equal(40_001, expected.Position.Line);
        Assert.True(expected.Position == actual.Position, $"{what}: expected {expected.Position}, got {actual.Position}");
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(expected.ErrorCode, actual.ErrorCode);
        Assert.Equal(1, store.Count());
    }

    [Fact]
    public void Invalid_utf8_deep_in_a_large_file_fails_on_its_line_and_changes_nothing()
    {
        using var folder = new TempFolder();
        var bytes = new List<byte>();
        for (int n = 0; n < 30_000; n++)
            bytes.AddRange(Encoding.UTF8.GetBytes($"<http://ex.org/s{n}> <http://ex.org/p> \"value {n} with some length to it\" .\n"));
        bytes.AddRange(Encoding.UTF8.GetBytes("<http://ex.org/s> <http://ex.org/p> \"bad "));
        bytes.AddRange(new byte[] { 0xC3, 0x28 });
        bytes.AddRange(Encoding.UTF8.GetBytes(" byte in a long literal\" .\n"));
        string path = folder.Combine("utf8.nt");
        File.WriteAllBytes(path, bytes.ToArray());

        using var store = RdfStore.Open(folder.Combine("store"));
        var e = Assert.Throws<RdfSyntaxException>(() => store.Import([path]));
        Assert.Equal(ErrorCodes.RdfSyntax, e.ErrorCode);
        Assert.Contains("UTF-8", e.Message);
        Assert.Equal(30_001, e.Position.Line);
        Assert.Equal(0, store.Count());
    }
}
