using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;
using TripleStore.Sparql.Evaluation;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// A REGEX or CONTAINS with a constant ASCII word is decided on the UTF-8 bytes of short strings kept in their
/// ids on the store, and on terms elsewhere. The answers must equal plain evaluation (an in-memory dataset)
/// for short and long strings, language strings, non-ASCII text, other literals and IRIs, and for patterns
/// the byte path must not take (case-insensitive flags, metacharacters, non-ASCII words).
/// </summary>
public class IdSubstringTests
{
    private const string Prefixes = "PREFIX : <http://example.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ";
    private static Iri I(string local) => new("http://example.org/" + local);

    private static readonly string[] Words = ["red", "Red", "blue", "grün", "año", "rêd", "x", "redder", "ab|c", "a.c", "日本"];

    private static List<Quad> Data(int seed, int items)
    {
        var random = new Random(seed);
        string Text()
        {
            int n = random.Next(1, 5);
            return string.Join(random.Next(3) == 0 ? "" : " ", Enumerable.Range(0, n).Select(_ => Words[random.Next(Words.Length)]));
        }
        Term Value() => random.Next(10) switch
        {
            0 => Literal.LangString(Text(), random.Next(2) == 0 ? "en" : "de-at"),
            1 => Literal.Typed(Text(), Xsd.String),
            2 => Literal.Typed(Text(), new Iri("http://example.org/dt")),   // not a string: REGEX is an error
            3 => I(Uri.EscapeDataString(Text())),                           // an IRI: an error
            4 => Literal.Simple(Text() + " and a long tail past the inline size"),
            5 => Literal.Typed("12", Xsd.Integer),
            _ => Literal.Simple(Text()),                                    // mostly short: inline in the id
        };
        var quads = new List<Quad>();
        for (int i = 0; i < items; i++)
        {
            quads.Add(new Quad(I("x" + i), I("label"), Value()));
            if (i % 3 == 0) quads.Add(new Quad(I("x" + i), I("type"), I("T")));
        }
        return quads;
    }

    public static TheoryData<string> Queries() => new()
    {
        "SELECT ?x ?l { ?x :label ?l . FILTER REGEX(?l, \"red\") }",
        "SELECT ?x ?l { ?x :label ?l . FILTER REGEX(?l, \"red\", \"i\") }",
        "SELECT ?x ?l { ?x :label ?l . FILTER REGEX(?l, \"RED\", \"i\") }",
        "SELECT ?x ?l { ?x :label ?l . FILTER REGEX(?l, \"ab|c\", \"q\") }",
        "SELECT ?x ?l { ?x :label ?l . FILTER REGEX(?l, \"a.c\") }",
        "SELECT ?x ?l { ?x :label ?l . FILTER REGEX(?l, \"grün\") }",
        "SELECT ?x ?l { ?x :label ?l . FILTER REGEX(?l, \"日本\") }",
        "SELECT ?x ?l { ?x :label ?l . FILTER REGEX(?l, \"n\") }",
        "SELECT ?x ?l { ?x :label ?l . FILTER REGEX(?l, \"\") }",
        "SELECT ?x ?l { ?x :label ?l . FILTER CONTAINS(?l, \"blue r\") }",
        "SELECT ?x ?l { ?x :label ?l . FILTER (!CONTAINS(?l, \"x\")) }",
        "SELECT ?x ?l { ?x :label ?l . ?x :type :T . FILTER REGEX(?l, \"redder\") }",
        "SELECT ?x ?l { ?x :label ?l . FILTER (REGEX(?l, \"red\") || REGEX(?l, \"blue\")) }",
        "SELECT (COUNT(*) AS ?n) { ?x :label ?l . FILTER REGEX(?l, \"e\") }",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Substring_filters_decided_from_ids_give_the_answers_of_plain_evaluation(string query)
    {
        foreach (int seed in new[] { 1, 2 })
        {
            var data = Data(seed, 3000);
            using var folder = new TempFolder();
            using var store = RdfStore.Open(folder.Path);
            store.AddRange(data);

            var expected = SparqlTestData.Rows(new InMemoryDataset(data), Prefixes + query);
            using var snapshot = store.OpenSnapshot();
            Assert.Equal(expected, SparqlTestData.Rows(snapshot, Prefixes + query));
        }
    }

    [Fact]
    public void Only_plain_ascii_words_without_flags_have_an_id_form()
    {
        int Slot(string name) => 0;
        Expression V(string n) => new VariableExpression(n);
        Expression S(string s) => new ConstantExpression(Literal.Simple(s));
        Expression Call(string op, params Expression[] args) => new FunctionCallExpression(op, args);

        Assert.NotNull(IdSubstring.From(Call("REGEX", V("a"), S("word")), Slot));
        Assert.Null(IdSubstring.From(Call("REGEX", V("a"), S("a.b")), Slot));
        Assert.NotNull(IdSubstring.From(Call("REGEX", V("a"), S("a.b"), S("q")), Slot));
        Assert.NotNull(IdSubstring.From(Call("CONTAINS", V("a"), S("word")), Slot));
        Assert.Null(IdSubstring.From(Call("REGEX", V("a"), S("word"), S("i")), Slot));
        Assert.Null(IdSubstring.From(Call("REGEX", V("a"), S("grün")), Slot));
        Assert.Null(IdSubstring.From(Call("REGEX", V("a"), new ConstantExpression(Literal.LangString("word", "en"))), Slot));
        Assert.Null(IdSubstring.From(Call("REGEX", S("word"), V("a")), Slot));
        Assert.Null(IdSubstring.From(Call("STRSTARTS", V("a"), S("word")), Slot));
    }

    [Fact]
    public void The_store_decides_short_strings_from_ids_and_leaves_the_rest_undecided()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        using var snapshot = store.OpenSnapshot();
        var filter = IdSubstring.From(new FunctionCallExpression("REGEX", new Expression[]
        {
            new VariableExpression("a"), new ConstantExpression(Literal.Simple("red")),
        }), _ => 0)!;
        NodeId[] Row(Term t) => [snapshot.TryEncode(t, out var id) ? id : throw new InvalidOperationException()];

        Assert.True(filter.TryEval(Row(Literal.Simple("a red car")), snapshot));
        Assert.True(filter.TryEval(Row(Literal.Simple("grün red")), snapshot));
        Assert.True(filter.TryEval(Row(Literal.LangString("rot red", "de")), snapshot));
        Assert.False(filter.TryEval(Row(Literal.Simple("Red car")), snapshot));
        Assert.False(filter.TryEval(Row(Literal.Simple("")), snapshot));
        Assert.False(filter.TryEval(Row(Literal.LangString("blue", "en")), snapshot));
        // Long strings, other literals and IRIs: only the term path judges them.
        Assert.Null(filter.TryEval(Row(Literal.Simple("a red car parked in front of the house")), snapshot));
        Assert.Null(filter.TryEval(Row(Literal.Typed("12", Xsd.Integer)), snapshot));
        Assert.Null(filter.TryEval(Row(Literal.Typed("red", new Iri("http://example.org/dt"))), snapshot));
        Assert.Null(filter.TryEval(Row(I("red")), snapshot));
        // Without inline strings, nothing is decided from ids.
        var memory = new InterningQuadSource(new InMemoryDataset([]));
        Assert.Null(filter.TryEval([memory.TryEncode(Literal.Simple("red"), out var m) ? m : default], memory));
    }
}
