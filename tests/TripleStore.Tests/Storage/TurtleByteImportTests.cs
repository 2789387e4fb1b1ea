using System.Buffers.Binary;
using System.Text;
using TripleStore.Dataset;
using TripleStore.Formats;
using TripleStore.Rdf;
using TripleStore.Storage;
using Xunit;

namespace TripleStore.Tests.Storage;

/// <summary>
/// Turtle files are imported by a parallel parser that works on bytes, cuts the file into blocks of whole
/// statements and hands the rest of the file to the full reader from the first statement it is not sure of.
/// These tests hold it to the full reader: the same term ids and dictionary forms, the same blank node
/// scoping, and errors at the same line and column, also deep in files of many blocks.
/// </summary>
public class TurtleByteImportTests
{
    private const string Xsd = "http://www.w3.org/2001/XMLSchema#";

    // Everything the byte parser reads itself, without blank nodes (so ids can be compared one to one).
    private const string PlainDocument =
        "\uFEFF@prefix ex: <http://ex.org/> .\n" +
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n" +
        "PREFIX dc: <http://purl.org/dc/terms/>\n" +
        "@prefix : <http://ex.org/default#> .\n" +
        "# a comment, é\n" +
        "ex:s ex:p ex:o ; ex:q \"short\" , \"a plain value longer than fourteen bytes\" ;\n" +
        "  a ex:Thing ; ; dc:title \"chat\"@FR , \"chat\"@en-GB-oxendict .\n" +
        "<http://ex.org/s2> <http://ex.org/p> <http://ex.org/o2>.<http://ex.org/s3> ex:p :local.\n" +
        "ex:s ex:n 42 , -7 , +3 , 0.5 , .5 , -1.25 , 1e3 , 2.5E-2 , 1.e5 , true , false .\n" +
        "ex:s ex:t \"42\"^^xsd:integer , \"042\"^^<http://www.w3.org/2001/XMLSchema#integer> , \"x\"^^ex:dt , \"y\"^^ex:dt .\n" +
        "ex:s ex:e \"quote \\\" tab\\t caf\\u00E9 \\U0001F600 end\" , 'single \\'quoted\\'' .\n" +
        "ex:s ex:long \"\"\"a long\nstring with \"quotes\" and \"\" two, ending here\"\"\" , '''single\r\nlong''' .\n" +
        "ex:s ex:utf8 \"café au lait, long enough to be hashed\" , \"é\" .\n" +
        "ex:a.b ex:p-q ex:c_d.e , ex:%41x , ex:1st , ex: , :a:b .\n" +
        "@base <http://ex.org/base/> .\n" +
        "<rel> <p> <../up> .\n" +
        "BASE <sub/>\n" +
        "<rel> <#frag> <> .   # trailing comment\n" +
        "ex:last ex:p ex:end .";

    private static (List<QuadIds> Quads, Dictionary<TermId, byte[]> Entries, TurtleBlock Block) ParseBlock(string text, string? baseIri = "http://ex.org/doc")
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var block = new TurtleBlock { Data = bytes, Length = bytes.Length, IsLast = true };
        if (bytes.Length >= 3 && bytes[0] == 0xEF) block.Start = 3;
        var parser = new TurtleBlockParser(1 << 20, 1000, TermId.DefaultGraph, new BlankNodeScope());
        parser.Parse(block, TurtleDirectives.Initial(baseIri));
        var entries = new Dictionary<TermId, byte[]>();
        var span = block.Entries.AsSpan(0, block.EntriesLength);
        while (!span.IsEmpty)
        {
            var id = TermId.Read(span);
            int length = BinaryPrimitives.ReadInt32LittleEndian(span[TermId.Size..]);
            entries[id] = span.Slice(TermId.Size + 4, length).ToArray();
            span = span[(TermId.Size + 4 + length)..];
        }
        return (block.Quads.Take(block.QuadCount).ToList(), entries, block);
    }

    private static List<Quad> ReadFully(string text, string? baseIri = "http://ex.org/doc")
    {
        using var reader = RdfParser.Create(new StringReader(text), RdfFormat.Turtle, new RdfReaderOptions { BaseIri = baseIri });
        var quads = new List<Quad>();
        while (reader.TryRead(out var quad)) quads.Add(quad);
        return quads;
    }

    [Fact]
    public void The_byte_parser_reads_prefixes_base_literals_and_lists_to_the_full_readers_ids()
    {
        var (quads, entries, block) = ParseBlock(PlainDocument);
        Assert.Equal(-1, block.FallbackAt);
        var encoder = new TermEncoder();
        var expected = new List<QuadIds>();
        var expectedEntries = new Dictionary<TermId, byte[]>();
        TermId Encode(Term term)
        {
            var id = encoder.Encode(term);
            if (!id.IsInline) expectedEntries[id] = encoder.Serialized.ToArray();
            return id;
        }
        foreach (var q in ReadFully(PlainDocument))
            expected.Add(new QuadIds(TermId.DefaultGraph, Encode(q.Subject), Encode(q.Predicate), Encode(q.Object)));
        Assert.Equal(37, expected.Count);
        static string Text(QuadIds q) => $"{q[0]} {q[1]} {q[2]} {q[3]}";
        Assert.Equal(expected.Select(Text).Order(StringComparer.Ordinal), quads.Select(Text).Order(StringComparer.Ordinal));
        // Every hashed term carries its dictionary form, and nothing else is added.
        Assert.Equal(expectedEntries.Keys.Order(), entries.Keys.Order());
        foreach (var (id, form) in expectedEntries) Assert.Equal(form, entries[id]);
    }

    [Fact]
    public void Directives_change_what_later_statements_mean()
    {
        var (_, _, block) = ParseBlock("@prefix ex: <http://ex.org/a#> .\nex:x ex:p ex:o .\n@prefix ex: <http://ex.org/b#> .\n@base <http://other.org/> .\n");
        Assert.Equal(-1, block.FallbackAt);
        Assert.True(block.EndState!.TryGetNamespace("ex", out var ns));
        Assert.Equal("http://ex.org/b#", ns.Text);
        Assert.Equal("http://other.org/", block.EndState.Base);
        Assert.False(block.EndState.SameAs(block.StartState!));
        Assert.True(block.EndState.SameAs(TurtleDirectives.Initial("http://other.org/").WithPrefix("ex", "http://ex.org/b#")));
    }

    [Fact]
    public void Blank_nodes_collections_and_nested_lists_are_read_by_the_byte_parser()
    {
        const string text =
            "@prefix ex: <http://ex.org/> .\n" +
            "_:a ex:p _:b . _:b ex:p _:a.x .\n" +
            "[] ex:p [ ex:q [ ex:r 1 ; ex:s ( 1 [ ex:t 2 ] ( ) ( 3 4 ) ) ] ; ] .\n" +
            "[ ex:p ex:o ] .\n" +
            "[ ex:p ex:o ] ex:q ex:r .\n" +
            "( ex:a ex:b ) ex:p () .\n" +
            "ex:s ex:list ( \"x\" ex:y ) , () .\n";
        var (quads, _, block) = ParseBlock(text);
        Assert.Equal(-1, block.FallbackAt);
        Assert.Equal(ReadFully(text).Count, quads.Count);
    }

    public static TheoryData<string, int, int, int> UnusualStatements => new()
    {
        // Statements the byte parser leaves to the full reader, where they start (line, column), and the triples kept before them.
        { "@prefix ex: <http://ex.org/> .\nex:a ex:p ex:b . ex:a ex:p ex:c\\,d .\n", 2, 18, 1 },
        { "@prefix ex: <http://ex.org/> .\nex:a ex:p ex:b .\r\nex:é ex:p ex:c .\n", 3, 1, 1 },
        { "@prefix ex: <http://ex.org/> .\n\"é\" <http://ex.org/p> ex:c .\n", 2, 1, 0 },
        { "@prefix ex: <http://ex.org/> .\nex:a ex:p \"é\" . ex:a ex:p nope:x .\n", 2, 17, 1 },
        { "<http://ex.org/a> <http://ex.org/p> <http://ex.org/\\u0041> .\n", 1, 1, 0 },
        { "@prefix ex: <http://ex.org/> .\nex:a ex:p ex:b ; ex:q [ ex:r \"x\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString> ] .\n", 2, 1, 0 },
    };

    [Theory]
    [MemberData(nameof(UnusualStatements))]
    public void An_unusual_statement_stops_the_block_at_its_line_and_column(string text, int line, int column, int kept)
    {
        var (quads, _, block) = ParseBlock(text);
        Assert.True(block.FallbackAt >= 0);
        Assert.Equal(line - 1, block.FallbackLine);
        Assert.Equal(column, block.FallbackColumn);
        // The triples before it are kept; none of the unusual statement's are.
        Assert.Equal(kept, quads.Count);
    }

    [Fact]
    public void A_statement_cut_by_the_block_end_is_left_to_the_full_reader()
    {
        var bytes = Encoding.UTF8.GetBytes("<http://ex.org/a> <http://ex.org/p> \"\"\"a long string.\n");
        var block = new TurtleBlock { Data = bytes, Length = bytes.Length, IsLast = false };
        new TurtleBlockParser(1 << 20, 1000, TermId.DefaultGraph, new BlankNodeScope()).Parse(block, TurtleDirectives.Initial(null));
        Assert.Equal(0, block.FallbackAt);
        Assert.Equal(0, block.QuadCount);
    }

    // ---- through the import -------------------------------------------------------------------

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

    private static (List<string> Fast, List<string> Full, int FastBlanks, int FullBlanks, long Terms, long FullTerms) ImportBothWays(TempFolder folder, string name, string text)
    {
        string path = folder.Combine(name);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
        using var fast = RdfStore.Open(folder.Combine("fast-" + name));
        using var full = RdfStore.Open(folder.Combine("full-" + name));
        fast.Import([path]);
        // Readers handed in by the caller always go through the full reader.
        full.Import([RdfParser.OpenFile(path, RdfFormat.Turtle)]);
        return (Canonical(fast), Canonical(full), DistinctBlankNodes(fast), DistinctBlankNodes(full), fast.GetStatistics().DictionaryTerms, full.GetStatistics().DictionaryTerms);
    }

    [Fact]
    public void A_small_document_imports_as_the_full_reader_reads_it()
    {
        using var folder = new TempFolder();
        var text = PlainDocument + "\n_:a <http://ex.org/p> [ <http://ex.org/q> ( 1 2 ) ] .\n";
        var (fast, full, fastBlanks, fullBlanks, terms, fullTerms) = ImportBothWays(folder, "small.ttl", text);
        Assert.Equal(43, full.Count);
        Assert.Equal(full, fast);
        Assert.Equal(4, fullBlanks);
        Assert.Equal(fullBlanks, fastBlanks);
        Assert.Equal(fullTerms, terms);
    }

    [Fact]
    public void A_file_of_many_blocks_with_directives_on_the_way_imports_as_the_full_reader_reads_it()
    {
        using var folder = new TempFolder();
        var text = new StringBuilder("@prefix ex: <http://ex.org/one#> .\n@base <http://ex.org/base/> .\n");
        // About 6 MB: many blocks parsed on different threads; prefixes and the base change part way, so blocks
        // parsed under the opening declarations must be parsed again; labels repeat across blocks.
        for (int n = 0; n < 60_000; n++)
        {
            if (n == 20_000) text.Append("@prefix ex: <http://ex.org/two#> .\n");
            if (n == 40_000) text.Append("BASE <http://ex.org/rebased/>\nPREFIX extra: <http://ex.org/extra#>\n");
            text.Append($"ex:s{n} a ex:Thing ;\n    ex:name \"the name of item {n} in the big file\" ;\n    ex:link <item{n % 100}> , _:shared{n % 7} ;\n");
            text.Append(n >= 40_000 ? $"    extra:list ( {n} [ ex:p ex:o ] ) .\n" : $"    ex:value {n}.{n % 10} .\n");
        }
        var (fast, full, fastBlanks, fullBlanks, terms, fullTerms) = ImportBothWays(folder, "big.ttl", text.ToString());
        Assert.Equal(60_000 * 5 + 20_000 * 5, full.Count);
        Assert.Equal(full, fast);
        Assert.Equal(fullBlanks, fastBlanks);
        Assert.Equal(fullTerms, terms);
    }

    [Fact]
    public void Long_strings_with_lines_ending_in_a_dot_across_block_cuts_import_as_the_full_reader_reads_them()
    {
        using var folder = new TempFolder();
        var text = new StringBuilder("@prefix ex: <http://ex.org/> .\n");
        // Every statement holds lines that end in '.', where the reader may cut a block: the byte parser must notice
        // the cut is inside a string and let the full reader go on from that statement, at its own line.
        for (int n = 0; n < 40_000; n++)
            text.Append($"ex:s{n} ex:text \"\"\"line one of {n}.\nline two.\n\"\"\" ; ex:n {n} .\n");
        var (fast, full, fastBlanks, fullBlanks, terms, fullTerms) = ImportBothWays(folder, "strings.ttl", text.ToString());
        Assert.Equal(80_000, full.Count);
        Assert.Equal(full, fast);
        Assert.Equal(fullTerms, terms);
    }

    public static TheoryData<string, string> BadStatements => new()
    {
        { "undeclared prefix", "nope:s ex:p ex:o .\n" },
        { "unterminated string", "ex:s ex:p \"open .\n" },
        { "bad escape", "ex:s ex:p \"bad \\q escape\" .\n" },
        { "missing dot", "ex:s ex:p ex:o\nex:t ex:p ex:o .\n" },
        { "literal subject", "\"s\" ex:p ex:o .\n" },
        { "unclosed property list", "ex:s ex:p [ ex:q ex:r .\n" },
        { "unclosed collection", "ex:s ex:p ( ex:q .\n" },
        { "bad local escape", "ex:s ex:p ex:a\\q .\n" },
        { "local name starting with a dash", "ex:s ex:p ex:-o .\n" },
        { "bad language tag", "ex:s ex:p \"x\"@en- .\n" },
        { "space in an IRI", "ex:s ex:p <http://ex.org/o x> .\n" },
        { "directive without dot", "@prefix ex2: <http://ex.org/2#>\nex:s ex:p ex:o .\n" },
        { "unterminated long string", "ex:s ex:p \"\"\"never closed .\n" },
    };

    [Theory]
    [MemberData(nameof(BadStatements))]
    public void An_error_deep_in_a_large_file_names_the_same_line_and_column_as_the_full_reader(string what, string bad)
    {
        using var folder = new TempFolder();
        var text = new StringBuilder("@prefix ex: <http://ex.org/> .\n");
        for (int n = 0; n < 40_000; n++)
        {
            text.Append($"ex:s{n} ex:p \"value {n} with some length to it\" ; ex:q ex:o{n} .");
            // Mixed line breaks, so the line count must agree on CR and CRLF too.
            text.Append((n % 3) switch { 0 => "\n", 1 => "\r\n", _ => "\r" });
        }
        text.Append("ex:a ex:p ex:b . ").Append(bad);
        text.Append("ex:after ex:p ex:o .\n");
        string path = folder.Combine("bad.ttl");
        File.WriteAllText(path, text.ToString());

        var expected = Assert.Throws<RdfSyntaxException>(() =>
        {
            using var reader = RdfParser.OpenFile(path);
            while (reader.TryRead(out _)) { }
        });
        using var store = RdfStore.Open(folder.Combine("store"));
        store.Add(new Quad(new Iri("http://ex.org/existing"), new Iri("http://ex.org/p"), new Iri("http://ex.org/o")));
        var actual = Assert.Throws<RdfSyntaxException>(() => store.Import([path]));
        Assert.True(expected.Position.Line >= 40_002, $"{what}: {expected.Position}");
        Assert.True(expected.Position == actual.Position, $"{what}: expected {expected.Position}, got {actual.Position}");
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(expected.ErrorCode, actual.ErrorCode);
        Assert.Equal(1, store.Count());
    }
}
