using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Storage;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// A BGP's first step that scans many matches and filters them itself may be cut into object ranges and
/// scanned on all cores (<see cref="TripleStore.Sparql.Evaluation.ParallelFilteredScan"/>). Its answers
/// must be those of the serial scan, in the same order, and those of the reference evaluation on an
/// in-memory source: REGEX with and without flags, anchors, alternations, Unicode, language-tagged and
/// typed strings, non-string literals and IRIs among the scanned objects, short (inline) and long
/// (hashed) strings, other filters, a join after the scan and LIMIT.
/// </summary>
public class ParallelFilteredScanTests
{
    private const string Ex = "http://example.org/";
    private static Iri I(string local) => new(Ex + local);
    private static readonly Iri Label = I("label"), Type = new("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    private static readonly Iri XsdInteger = new("http://www.w3.org/2001/XMLSchema#integer");
    private static readonly Iri XsdDate = new("http://www.w3.org/2001/XMLSchema#date");

    private static readonly QueryOptions Parallel = new() { UseResultCache = false, ParallelScans = true };
    private static readonly QueryOptions Serial = new() { UseResultCache = false, ParallelScans = false };
    private static readonly QueryOptions Auto = new() { UseResultCache = false };

    private static readonly string[] Words =
    [
        "alpha", "Beta", "gamma", "DELTA", "epsilon", "zeta", "ab", "xab", "abx", "naïve", "Ĳssel", "Straße", "日本語", "café",
        "emoji 😀 smile", "tab\there", "line\nbreak", "dot.star", "a+b", "(paren)", "K", "\u212A", "ǅ", "ß", "İstanbul",
    ];

    /// <summary>Labels of every kind: short and long strings, language tags, xsd:string, numbers, dates, IRIs.</summary>
    private static List<Quad> Data(int subjects = 700)
    {
        var random = new Random(7);
        var quads = new List<Quad>();
        for (int s = 0; s < subjects; s++)
        {
            var subject = I("s" + s);
            string word = Words[random.Next(Words.Length)];
            string text = (s % 3) switch
            {
                0 => word,
                1 => word + " " + Words[random.Next(Words.Length)] + " and a longer tail to pass the inline length " + s,
                _ => Words[random.Next(Words.Length)] + word + s,
            };
            Term label = (s % 7) switch
            {
                0 => Literal.LangString(text, s % 2 == 0 ? "en" : "de-CH"),
                1 => Literal.Typed(s.ToString(System.Globalization.CultureInfo.InvariantCulture), XsdInteger),
                2 => Literal.Typed("2024-01-" + (1 + s % 28).ToString("00", System.Globalization.CultureInfo.InvariantCulture), XsdDate),
                3 => I("thing/" + word.Length),
                _ => Literal.Simple(text),
            };
            quads.Add(new Quad(subject, Label, label));
            if (s % 2 == 0) quads.Add(new Quad(subject, Type, I("Product")));
        }
        return quads;
    }

    public static TheoryData<string> Filters => new()
    {
        "regex(?label, \"ab\")",
        "regex(?label, \"^ab\")",
        "regex(?label, \"ab$\")",
        "regex(?label, \"^AB\", \"i\")",
        "regex(?label, \"straSSe\", \"i\")",
        "regex(?label, \"k\", \"i\")",
        "regex(?label, \"ï|ß|日本\")",
        "regex(?label, \"😀\")",
        "regex(?label, \"a.b\", \"s\")",
        "regex(?label, \"a\\\\+b\")",
        "regex(?label, \"^.{3}$\")",
        "regex(?label, \"line$\", \"m\")",
        "regex(str(?label), \"1\")",
        "regex(str(?label), \"thing/5\")",
        "regex(?label, \"a\") && langMatches(lang(?label), \"en\")",
        "regex(?label, \"e\") && lang(?label) = \"\"",
        "contains(lcase(str(?label)), \"alpha\")",
        "strlen(?label) > 12",
        "?label > 300",
        "regex(?label, \"[\")",
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void Parallel_scan_gives_the_serial_rows_in_order(string filter)
    {
        var quads = Data();
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(quads);
        string query = $"SELECT ?s ?label {{ ?s <{Ex}label> ?label FILTER ({filter}) }}";

        var parallel = Ordered(store.Query(query, Parallel));
        Assert.Equal(Ordered(store.Query(query, Serial)), parallel);
        Assert.Equal(Ordered(store.Query(query, Auto)), parallel);
        // Read from the store in object ranges, not from the whole read kept in memory by the first query.
        Assert.Equal(Ordered(store.Query(query, Parallel with { SharedScans = false })), parallel);
        var reference = Ordered(SparqlEngine.Evaluate(query, new InMemoryDataset(quads), Serial));
        Assert.Equal(reference.Order(StringComparer.Ordinal), parallel.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_kept_whole_read_serves_later_queries_and_a_changed_store_reads_again()
    {
        var quads = Data();
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(quads);
        string Query(string word) => $"SELECT ?s ?label {{ ?s <{Ex}label> ?label FILTER regex(?label, \"{word}\") }}";

        foreach (string word in new[] { "ab", "alpha", "ab", "日本", "zeta" })
            Assert.Equal(Ordered(store.Query(Query(word), Serial)), Ordered(store.Query(Query(word), Parallel)));
        store.Add(new Quad(I("new"), Label, Literal.Simple("zeta new")));
        var rows = Ordered(store.Query(Query("zeta"), Parallel));
        Assert.Contains(rows, r => r.Contains("zeta new", StringComparison.Ordinal));
        Assert.Equal(Ordered(store.Query(Query("zeta"), Serial)), rows);
    }

    [Fact]
    public void Explain_marks_the_step_scanned_in_parallel()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(Data());
        string query = $"SELECT ?s ?label {{ ?s <{Ex}label> ?label FILTER regex(?label, \"ab\") }}";

        Assert.Contains("parallel(1)", Find(store.Explain(query, Parallel), "BGP")!.Detail);
        Assert.DoesNotContain("parallel(", Find(store.Explain(query, Serial), "BGP")!.Detail);
        Assert.True(Ordered(store.Query(query, Parallel)).Count > 20);
    }

    [Fact]
    public void A_join_after_the_parallel_scan_and_a_limit_keep_their_answers()
    {
        var quads = Data();
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(quads);
        string join = $"SELECT ?s ?label {{ ?s <{Ex}label> ?label . ?s a <{Ex}Product> FILTER regex(?label, \"a\", \"i\") }}";
        var rows = Ordered(store.Query(join, Parallel));
        Assert.True(rows.Count > 20);
        Assert.Equal(Ordered(store.Query(join, Serial)), rows);
        Assert.Equal(Ordered(SparqlEngine.Evaluate(join, new InMemoryDataset(quads), Serial)).Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));

        string limited = $"SELECT ?s ?label {{ ?s <{Ex}label> ?label FILTER regex(?label, \"a\") }} LIMIT 5";
        Assert.Equal(Ordered(store.Query(limited, Serial)), Ordered(store.Query(limited, Parallel)));
    }

    [Fact]
    public void A_filter_that_keeps_more_than_the_row_limit_falls_back_to_the_streaming_scan()
    {
        var quads = Data();
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(quads);
        string query = $"SELECT ?s ?label {{ ?s <{Ex}label> ?label FILTER (strlen(str(?label)) > 0) }}";
        var tight = Parallel with { MaxRowsInMemory = 50 };

        var rows = Ordered(store.Query(query, tight));
        Assert.True(rows.Count > 50);
        Assert.Equal(Ordered(store.Query(query, Serial)), rows);
        Assert.DoesNotContain("parallel(", Find(store.Explain(query, tight), "BGP")!.Detail);
        Assert.Contains("parallel(1)", Find(store.Explain(query, Parallel), "BGP")!.Detail);
    }

    [Fact]
    public void A_filter_with_exists_is_not_scanned_in_parallel()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(Data());
        string query = $"SELECT ?s ?label {{ ?s <{Ex}label> ?label FILTER (regex(?label, \"a\") && EXISTS {{ ?s a <{Ex}Product> }}) }}";

        var plan = store.Explain(query, Parallel);
        Assert.DoesNotContain("parallel(", plan.ToString());
        Assert.Equal(Ordered(store.Query(query, Serial)), Ordered(store.Query(query, Parallel)));
    }

    [Fact]
    public void A_canceled_parallel_scan_reports_cancellation()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(Data());
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var options = Parallel with { CancellationToken = cancel.Token };
        var e = Assert.Throws<TripleStoreException>(() => Ordered(store.Query($"SELECT * {{ ?s <{Ex}label> ?label FILTER regex(?label, \"a\") }}", options)));
        Assert.Equal(ErrorCodes.Canceled, e.ErrorCode);
    }

    [Theory]
    [InlineData(0x05_00_0000_0000_0001UL, 0x05_FF_FFFF_FFFF_FFFFUL, 4)]
    [InlineData(0x05_00_0000_0000_0001UL, 0x07_12_0000_0000_0000UL, 8)]
    [InlineData(0x05_00_0000_0000_0001UL, 0x05_00_0000_0000_0001UL, 8)]
    [InlineData(0x01_00_0000_0000_0000UL, 0xF0_00_0000_0000_0000UL, 8)]
    public void Object_ranges_cover_the_span_in_order_without_overlap(ulong firstHigh, ulong lastHigh, int parts)
    {
        var first = new NodeId(firstHigh, 17);
        var last = new NodeId(lastHigh, firstHigh == lastHigh ? 17UL : 3UL);
        var ranges = ObjectSplit.Split(first, last, parts)!;

        Assert.Equal(first, ranges[0].Low);
        Assert.Equal(last, ranges[^1].High);
        foreach (var r in ranges) Assert.True(NodeRange.Compare(r.Low, r.High) <= 0);
        for (int i = 1; i < ranges.Length; i++)
        {
            // Adjacent: the next range starts right after the previous one ends.
            var end = ranges[i - 1].High;
            var next = end.Low == ulong.MaxValue ? new NodeId(end.High + 1, 0) : new NodeId(end.High, end.Low + 1);
            Assert.Equal(next, ranges[i].Low);
        }
    }

    private static QueryPlan? Find(QueryPlan plan, string op) =>
        plan.Operator == op ? plan : plan.Children.Select(c => Find(c, op)).FirstOrDefault(p => p is not null);

    private static List<string> Ordered(SparqlResult result) => result is SolutionSequence rows
        ? rows.Select(r => string.Join(" | ", r.Select(t => t?.ToString() ?? "-"))).ToList()
        : throw new InvalidOperationException(result.GetType().Name);
}
