using System.Globalization;
using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Sparql;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// A BGP step that scans a predicate's objects under numeric FILTER bounds reads only the id ranges that
/// can hold such numbers. The filter still decides, so the answers must equal those of evaluation without
/// ranges (an in-memory dataset, whose ids have no order) on every kind of literal a number can meet.
/// </summary>
public class NumericRangeScanTests
{
    private const string Ex = "http://example.org/";
    private const string Prefixes = "PREFIX : <http://example.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ";
    private static Iri I(string local) => new(Ex + local);
    private static readonly Iri Val = I("val"), Bound = I("bound"), Other = I("other");

    private static readonly Iri[] IntegerTypes =
    [
        Xsd.Integer, Xsd.Long, Xsd.Int, Xsd.Short, Xsd.Byte, Xsd.NonNegativeInteger, Xsd.NonPositiveInteger,
        Xsd.NegativeInteger, Xsd.PositiveInteger, Xsd.UnsignedLong, Xsd.UnsignedInt, Xsd.UnsignedShort, Xsd.UnsignedByte,
    ];

    /// <summary>Random objects of :val: numbers of every type, special values, odd forms, and non-numbers.</summary>
    private static List<Quad> MixedData(int seed, int n)
    {
        var random = new Random(seed);
        var quads = new List<Quad>();
        string F(double d) => d.ToString("R", CultureInfo.InvariantCulture);
        Literal Random1(int i)
        {
            int v = random.Next(-200, 200);
            switch (random.Next(16))
            {
                case 0: return Literal.Typed(F(v / 4.0), Xsd.Double);
                case 1: return Literal.Typed(F((float)(v / 8.0)), Xsd.Float);
                case 2: return Literal.Typed((v / 10m).ToString(CultureInfo.InvariantCulture), Xsd.Decimal);
                case 3: return Literal.Typed(v.ToString("+0;-0", CultureInfo.InvariantCulture), Xsd.Integer);      // "+5": not canonical, hashed
                case 4: return Literal.Typed("0" + Math.Abs(v).ToString(CultureInfo.InvariantCulture), Xsd.Integer); // "07": hashed
                case 5: return Literal.Typed(v + "0000000000000000000000", Xsd.Integer);                         // past 64 bits
                case 6: return Literal.Typed(F(v) + ".0E0", Xsd.Double);                                           // non-canonical double
                case 7: return Literal.Simple(v.ToString(CultureInfo.InvariantCulture));                              // a string, not a number
                case 8: return Literal.Typed(random.Next(2) == 0 ? "true" : "false", Xsd.Boolean);
                default:
                    var type = IntegerTypes[random.Next(IntegerTypes.Length)];
                    return Literal.Typed(v.ToString(CultureInfo.InvariantCulture), type);
            }
        }
        for (int i = 0; i < n; i++) quads.Add(new Quad(I("s" + i), Val, Random1(i)));
        Term[] specials =
        [
            Literal.Typed("NaN", Xsd.Double), Literal.Typed("INF", Xsd.Double), Literal.Typed("-INF", Xsd.Double),
            Literal.Typed("-0", Xsd.Double), Literal.Typed("0", Xsd.Double), Literal.Typed("-0.0E0", Xsd.Double),
            Literal.Typed("NaN", Xsd.Float), Literal.Typed("-INF", Xsd.Float),
            Literal.Typed("abc", Xsd.Integer), Literal.Typed("1.5", Xsd.Integer), Literal.Typed("x", Xsd.Decimal), Literal.Typed("1e", Xsd.Double),
            Literal.Typed("300", Xsd.Byte),                                                   // out of the type's range
            Literal.Typed("9223372036854775807", Xsd.Long), Literal.Typed("-9223372036854775808", Xsd.Long),
            Literal.Typed("9223372036854775808", Xsd.Integer), Literal.Typed("4503599627370497", Xsd.Integer),
            Literal.Typed("12345678901234567890.5", Xsd.Decimal), Literal.Typed("1E300", Xsd.Double),
            Literal.Typed("5", new Iri("http://example.org/myNumber")),
            Literal.Typed("2024-01-01T00:00:00Z", Xsd.DateTime), Literal.LangString("5", "en"),
            I("five"), new BlankNode("b5"),
        ];
        for (int i = 0; i < specials.Length; i++) quads.Add(new Quad(I("x" + i), Val, specials[i]));
        // Bounds read from other triples, of several types, so the range comes from values bound at run time.
        quads.Add(new Quad(I("c"), Bound, Literal.Typed("10", Xsd.Integer)));
        quads.Add(new Quad(I("c"), Bound, Literal.Typed("-3.5", Xsd.Decimal)));
        quads.Add(new Quad(I("c"), Bound, Literal.Typed("2.5E1", Xsd.Double)));
        quads.Add(new Quad(I("c"), Bound, Literal.Typed("NaN", Xsd.Double)));
        quads.Add(new Quad(I("c"), Bound, Literal.Typed("7", Xsd.UnsignedByte)));
        quads.Add(new Quad(I("c"), Bound, Literal.Simple("10")));
        quads.Add(new Quad(I("c"), Bound, Literal.Typed("4503599627370496", Xsd.Integer)));
        quads.Add(new Quad(I("c"), Bound, Literal.Typed("-9223372036854775808", Xsd.Long)));
        quads.Add(new Quad(I("c"), Other, Literal.Typed("0", Xsd.Integer)));
        return quads;
    }

    public static TheoryData<string> RangeQueries() => new()
    {
        "SELECT ?s ?v ?b { :c :bound ?b . ?s :val ?v FILTER(?v < (?b + 20) && ?v > (?b - 20)) }",
        "SELECT ?s ?v ?b { :c :bound ?b . ?s :val ?v FILTER(?v <= ?b && ?v >= (?b - 15)) }",
        "SELECT ?s ?v ?b { :c :bound ?b . ?s :val ?v FILTER((?b * 2) > ?v && ?b <= ?v) }",
        "SELECT ?s ?v ?b { :c :bound ?b . ?s :val ?v FILTER(?v > ?b) }",
        "SELECT ?s ?v ?b { :c :bound ?b . ?s :val ?v FILTER(?v < ?b) }",
        "SELECT ?s ?v { ?s :val ?v FILTER(?v >= -12 && ?v < 31.5) }",
        "SELECT ?s ?v { ?s :val ?v FILTER(?v > 1.0e1 && ?v <= \"40\"^^xsd:byte) }",
        "SELECT ?s ?v { ?s :val ?v FILTER(?v > 0) }",
        "SELECT ?s ?v { ?s :val ?v FILTER(?v >= 0 && ?v <= 0) }",
        "SELECT ?s ?v { ?s :val ?v FILTER(?v < -0.0e0) }",
        "SELECT ?s ?v { ?s :val ?v FILTER(?v > 9223372036854775806) }",
        "SELECT ?s ?v { ?s :val ?v FILTER(?v < -9223372036854775807) }",
        "SELECT ?s ?v { ?s :val ?v FILTER(?v > 50 && ?v < 20) }",
        "SELECT ?s ?v { ?s :val ?v FILTER(?v < \"INF\"^^xsd:double) }",
        "SELECT ?s ?v { ?s :val ?v FILTER(?v > \"NaN\"^^xsd:double || ?v > 100) }",
        "SELECT ?s ?v { ?s :val ?v FILTER(?v > \"5\") }",
        "SELECT ?s ?v { ?s :val ?v FILTER(?v < \"abc\"^^xsd:integer) }",
        "SELECT ?s ?v ?o { :c :other ?o . ?s :val ?v FILTER(?v < ?o + 3 && ?v > ?o - 3 && ?s != :s1) }",
        "SELECT (COUNT(*) AS ?n) { ?s :val ?v . ?t :val ?w FILTER(?w > ?v && ?w < ?v + 2) }",
    };

    [Theory]
    [MemberData(nameof(RangeQueries))]
    public void Range_scans_give_the_answers_of_plain_filters_on_mixed_literals(string query)
    {
        foreach (int seed in new[] { 1, 2, 3 })
        {
            var data = MixedData(seed, 600);
            using var folder = new TempFolder();
            using var store = RdfStore.Open(folder.Path);
            store.AddRange(data);

            var fromStore = StoreRows(store, query);
            var fromMemory = SparqlTestData.Rows(new InMemoryDataset(data), query);
            Assert.Equal(fromMemory, fromStore);
        }
    }

    [Fact]
    public void The_store_scans_only_the_ranges_and_explain_shows_it()
    {
        var data = MixedData(7, 2_000);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(data);
        const string query = Prefixes + "SELECT ?s ?v { :c :other ?o . ?s :val ?v FILTER(?v < ?o + 3 && ?v > ?o - 3) }";

        var plan = store.Explain(query).ToString();
        Assert.Contains("range(2)", plan);
        var expected = SparqlTestData.Rows(new InMemoryDataset(data), "SELECT ?s ?v { :c :other ?o . ?s :val ?v FILTER(?v < ?o + 3 && ?v > ?o - 3) }");
        Assert.NotEmpty(expected);
        Assert.Equal(expected, StoreRows(store, "SELECT ?s ?v { :c :other ?o . ?s :val ?v FILTER(?v < ?o + 3 && ?v > ?o - 3) }"));

        // Through the cursor: with the ranges for (-3, 3), fewer keys than the whole predicate, all the numbers in the band among them.
        using var snapshot = store.OpenSnapshot();
        IEncodedQuadSource source = snapshot;
        Assert.True(source.TryEncode(Val, out var val));
        var ranges = source.NumericObjectRanges(-3, 3);
        Assert.NotNull(ranges);
        using var cursor = source.OpenCursor();
        cursor.Seek(new IdPattern { Predicate = val, HasPredicate = true, Graph = GraphSelectorKind.DefaultGraph, ObjectRanges = ranges });
        var scanned = new List<Term>();
        while (cursor.Next(out var quad)) scanned.Add(source.Decode(quad.Object));
        int all = data.Count(q => q.Predicate.Equals(Val));
        Assert.True(scanned.Count < all / 2, $"{scanned.Count} of {all} keys scanned");
        // Every inline integer in the band is among the scanned keys (and the filter sorts out the rest).
        int inBand = data.Count(q => q.Predicate.Equals(Val) && CanonicalIntegerIn(q.Object, -3, 3));
        Assert.True(inBand > 0);
        Assert.Equal(inBand, scanned.Count(t => CanonicalIntegerIn(t, -3, 3)));
        Assert.DoesNotContain(scanned, t => t is Iri or BlankNode || t is Literal { Language: not null } || (t is Literal l && l.Datatype.Equals(Xsd.String)));
    }

    [Fact]
    public void Updates_are_seen_by_range_scans()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(MixedData(11, 300));
        const string query = "SELECT ?s { ?s :val ?v FILTER(?v > 1000 && ?v < 2000) }";
        Assert.Empty(StoreRows(store, query));

        store.Update(Prefixes + "INSERT DATA { :n1 :val 1500 . :n2 :val \"1500.5\"^^xsd:decimal . :n3 :val \"1.6E3\"^^xsd:double . :n4 :val \"1999\"^^xsd:short . :n5 :val 2000 }");
        Assert.Equal(new[] { "s=:n1", "s=:n2", "s=:n3", "s=:n4" }, StoreRows(store, query));

        store.Update(Prefixes + "DELETE DATA { :n1 :val 1500 . :n3 :val \"1.6E3\"^^xsd:double }");
        Assert.Equal(new[] { "s=:n2", "s=:n4" }, StoreRows(store, query));

        store.Remove(new Quad(I("n4"), Val, Literal.Typed("1999", Xsd.Short)));
        store.AddRange([new Quad(I("n6"), Val, Literal.Typed("1001", Xsd.Long))]);
        Assert.Equal(new[] { "s=:n2", "s=:n6" }, StoreRows(store, query));
    }

    [Fact]
    public void Derived_numbers_are_merged_into_range_scans()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        var sub = I("subVal");
        var quads = new List<Quad> { new(sub, new Iri("http://www.w3.org/2000/01/rdf-schema#subPropertyOf"), Val) };
        for (int i = 0; i < 200; i++)
        {
            quads.Add(new Quad(I("a" + i), i % 3 == 0 ? sub : Val, Literal.Typed(i.ToString(CultureInfo.InvariantCulture), i % 2 == 0 ? Xsd.Integer : Xsd.Int)));
            if (i % 5 == 0) quads.Add(new Quad(I("a" + i), sub, Literal.Typed(i.ToString(CultureInfo.InvariantCulture), Xsd.Integer)));
        }
        store.AddRange(quads);
        store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs, Full = true });

        var rows = StoreRows(store, "SELECT ?s ?v { ?s :val ?v FILTER(?v >= 40 && ?v < 100) }");
        // 60 values, plus the six odd multiples of 5 whose :subVal integer differs from their :val int.
        Assert.Equal(66, rows.Count);
        Assert.Equal(66, rows.Distinct().Count());
    }

    private static bool CanonicalIntegerIn(Term t, long above, long below) =>
        t is Literal l && IntegerTypes.Contains(l.Datatype)
        && long.TryParse(l.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)
        && v.ToString(CultureInfo.InvariantCulture) == l.Value && v > above && v < below;

    /// <summary>Runs a query on a snapshot of the store (ordered ids), without the result cache.</summary>
    private static List<string> StoreRows(RdfStore store, string query)
    {
        using var snapshot = store.OpenSnapshot();
        return SparqlTestData.Rows(snapshot, query);
    }
}
