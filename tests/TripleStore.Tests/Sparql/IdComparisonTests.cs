using System.Globalization;
using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;
using TripleStore.Sparql.Evaluation;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// Filter conjuncts inside a BGP that compare integer sums (<c>?s &lt; ?o + 120</c>) or test an IRI against a
/// variable (<c>:p != ?x</c>) are decided from the ids on the store, where xsd:integer and xsd:long values are
/// inline, and on terms elsewhere. The answers must equal plain evaluation (an in-memory dataset, whose ids
/// hold no values) for every kind of value: inline integers of each code, ill-typed and non-canonical
/// integers, decimals, doubles, strings, IRIs, and values near the ends of the 64-bit range.
/// </summary>
public class IdComparisonTests
{
    private const string Prefixes = "PREFIX : <http://example.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ";
    private static Iri I(string local) => new("http://example.org/" + local);

    private static List<Quad> Data(int seed, int items)
    {
        var random = new Random(seed);
        var quads = new List<Quad>();
        string S(long v) => v.ToString(CultureInfo.InvariantCulture);
        Term Value(long v) => random.Next(16) switch
        {
            0 => Literal.Typed(S(v), Xsd.Long),                                     // inline, code 2: the id path
            1 => Literal.Typed(S(v), Xsd.Int),                                      // inline, other code: the term path
            2 => Literal.Typed("+" + S(v), Xsd.Integer),                            // not canonical: a hashed id
            3 => Literal.Typed(S(v) + ".5", Xsd.Decimal),
            4 => Literal.Typed(S(v) + ".25e0", Xsd.Double),
            5 => Literal.Simple(S(v)),                                              // a string: the comparison is an error
            6 => Literal.Typed("300", Xsd.Byte),                                    // ill-typed: an error
            7 => I("v" + v),                                                        // an IRI: an error
            8 => Literal.Typed(S(long.MaxValue - random.Next(100)), Xsd.Integer),   // sums past 64 bits
            9 => Literal.Typed(S(long.MinValue + random.Next(100)), Xsd.Long),
            _ => Literal.Typed(S(v), Xsd.Integer),
        };
        for (int i = 0; i < items; i++)
        {
            var x = I("x" + i);
            quads.Add(new Quad(x, I("a"), Value(random.Next(-500, 500))));
            quads.Add(new Quad(x, I("b"), Value(random.Next(-500, 500))));
            if (i % 7 == 0) quads.Add(new Quad(x, I("b"), Value(random.Next(-500, 500))));
            quads.Add(new Quad(x, I("group"), I("g" + (i % 5))));
        }
        for (int g = 0; g < 5; g++) quads.Add(new Quad(I("g" + g), I("center"), Literal.Typed(S(g * 200 - 400), Xsd.Integer)));
        return quads;
    }

    public static TheoryData<string> Queries() => new()
    {
        "SELECT ?x ?a ?b { ?x :a ?a . ?x :b ?b . FILTER(?a < ?b + 120 && ?a > ?b - 120) }",
        "SELECT ?x ?a ?b { ?x :a ?a . ?x :b ?b . FILTER(?a <= ?b && ?a >= -?b) }",
        "SELECT ?x ?a ?b { ?x :a ?a . ?x :b ?b . FILTER(?a = ?b - 1 || ?a = ?b) }",
        "SELECT ?x ?a ?b { ?x :a ?a . ?x :b ?b . FILTER(?a - ?b != 3) }",
        "SELECT ?x ?a { ?x :a ?a . FILTER(100 > ?a && +?a >= -250) }",
        "SELECT ?x ?a { ?x :a ?a . FILTER(?a + 9223372036854775000 > 9223372036854775800) }",
        "SELECT ?x ?a { ?x :a ?a . FILTER(?a - 100 < -9223372036854775000) }",
        "SELECT ?x ?a { ?x :a ?a . FILTER(?a = 7 || ?a != ?a) }",
        // A band around a value from another pattern, with the given item left out by IRI.
        "SELECT ?x ?a { :x3 :a ?o . ?x :a ?a . FILTER(:x3 != ?x) FILTER(?a < (?o + 120) && ?a > (?o - 120)) }",
        "SELECT ?x ?a ?c { ?x :group ?g . ?g :center ?c . ?x :a ?a . FILTER(?a > ?c - 80 && ?a < ?c + 80) }",
        // IRI tests, including an IRI the data lacks and a value that is a literal.
        "SELECT ?x { ?x :group ?g . FILTER(?g = :g2) }",
        "SELECT ?x { ?x :group ?g . FILTER(:g2 != ?g && ?g != :nowhere) }",
        "SELECT ?x ?a { ?x :a ?a . FILTER(?a != :v3 && ?a = ?a) }",
        "SELECT (COUNT(*) AS ?n) { ?x :a ?a . ?y :a ?b . FILTER(?x != ?y && ?a < ?b + 2 && ?a > ?b - 2) ?x :group :g1 }",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Filters_decided_from_ids_give_the_answers_of_plain_evaluation(string query)
    {
        foreach (int seed in new[] { 1, 2, 3 })
        {
            var data = Data(seed, 600);
            using var folder = new TempFolder();
            using var store = RdfStore.Open(folder.Path);
            store.AddRange(data);

            var expected = SparqlTestData.Rows(new InMemoryDataset(data), Prefixes + query);
            using var snapshot = store.OpenSnapshot();
            Assert.Equal(expected, SparqlTestData.Rows(snapshot, Prefixes + query));
        }
    }

    [Fact]
    public void Iri_tests_against_a_variable_keep_exactly_the_rows_by_hand()
    {
        var data = Data(4, 600);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(data);
        using var snapshot = store.OpenSnapshot();
        // 600 items in 5 groups of 120.
        Assert.Equal(120, SparqlTestData.Rows(snapshot, Prefixes + "SELECT ?x { ?x :group ?g . FILTER(?g = :g2) }").Count);
        Assert.Equal(480, SparqlTestData.Rows(snapshot, Prefixes + "SELECT ?x { ?x :group ?g . FILTER(:g2 != ?g && ?g != :nowhere) }").Count);
        Assert.Empty(SparqlTestData.Rows(snapshot, Prefixes + "SELECT ?x { ?x :group ?g . FILTER(:nowhere = ?g) }"));
    }

    [Fact]
    public void Integer_sums_and_iri_tests_have_an_id_form_and_other_conjuncts_do_not()
    {
        int Slot(string name) => name switch { "a" => 0, "b" => 1, _ => 2 };
        Expression V(string n) => new VariableExpression(n);
        Expression C(Term t) => new ConstantExpression(t);
        Expression Call(string op, params Expression[] args) => new FunctionCallExpression(op, args);
        var integer = Literal.Typed("120", Xsd.Integer);

        Assert.NotNull(IdComparison.From(Call("<", V("a"), Call("+", V("b"), C(integer))), Slot));
        Assert.NotNull(IdComparison.From(Call(">=", C(integer), Call("UMINUS", V("a"))), Slot));
        Assert.NotNull(IdComparison.From(Call("!=", C(I("p")), V("a")), Slot));
        Assert.NotNull(IdComparison.From(Call("=", V("a"), C(I("p"))), Slot));
        // Products, decimal or non-integer constants, IRI order and other operators stay on terms.
        Assert.Null(IdComparison.From(Call("<", V("a"), Call("*", V("b"), C(integer))), Slot));
        Assert.Null(IdComparison.From(Call("<", V("a"), C(Literal.Typed("1.5", Xsd.Decimal))), Slot));
        Assert.Null(IdComparison.From(Call("<", V("a"), C(Literal.Typed("7", Xsd.Int))), Slot));
        Assert.Null(IdComparison.From(Call("<", V("a"), C(I("p"))), Slot));
        Assert.Null(IdComparison.From(Call("<", C(integer), C(integer)), Slot));
        Assert.Null(IdComparison.From(Call("REGEX", V("a"), C(Literal.Simple("x"))), Slot));
    }

    [Fact]
    public void The_store_decides_inline_integers_from_ids_and_leaves_the_rest_undecided()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        using var snapshot = store.OpenSnapshot();
        int Slot(string name) => name == "a" ? 0 : 1;
        var less = IdComparison.From(new FunctionCallExpression("<", new Expression[]
        {
            new VariableExpression("a"),
            new FunctionCallExpression("+", new Expression[] { new VariableExpression("b"), new ConstantExpression(Literal.Typed("120", Xsd.Integer)) }),
        }), Slot)!;
        NodeId Id(Term t) => snapshot.TryEncode(t, out var id) ? id : throw new InvalidOperationException();
        NodeId[] Row(Term a, Term b) => [Id(a), Id(b)];

        Assert.True(less.TryEval(Row(Literal.Typed("219", Xsd.Integer), Literal.Typed("100", Xsd.Integer)), snapshot));
        Assert.False(less.TryEval(Row(Literal.Typed("220", Xsd.Long), Literal.Typed("100", Xsd.Integer)), snapshot));
        Assert.True(less.TryEval(Row(Literal.Typed("9223372036854775807", Xsd.Integer), Literal.Typed("9223372036854775807", Xsd.Integer)), snapshot));
        // Values only the term path can judge.
        Assert.Null(less.TryEval(Row(Literal.Typed("5", Xsd.Int), Literal.Typed("1", Xsd.Integer)), snapshot));
        Assert.Null(less.TryEval(Row(Literal.Typed("+5", Xsd.Integer), Literal.Typed("1", Xsd.Integer)), snapshot));
        Assert.Null(less.TryEval(Row(Literal.Typed("5.0", Xsd.Decimal), Literal.Typed("1", Xsd.Integer)), snapshot));
        Assert.Null(less.TryEval(Row(Literal.Simple("5"), Literal.Typed("1", Xsd.Integer)), snapshot));
    }
}
