using System.Globalization;
using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Sparql.Algebra;
using TripleStore.Sparql.Optimizer;
using Xunit;
using static TripleStore.Tests.Sparql.SparqlTestData;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// Selective filters choose where a BGP starts (scan the filtered pattern, then look up the rest), and
/// filter conjuncts move below OPTIONAL on their own.
/// </summary>
public class FilterSeedTests
{
    private static readonly Iri Label = new("http://www.w3.org/2000/01/rdf-schema#label");

    /// <summary>n products, each typed :Product with a label "word{i}" and values :v1 = i, :v2 = (i * 7) mod n.</summary>
    private static InMemoryDataset Products(int n)
    {
        var ds = new InMemoryDataset();
        for (int i = 0; i < n; i++)
        {
            var p = Ex("p" + i);
            ds.Add(new Quad(p, RdfVocabulary.Type, Ex("Product")));
            ds.Add(new Quad(p, Label, Literal.Simple("word" + i.ToString(CultureInfo.InvariantCulture))));
            ds.Add(new Quad(p, Ex("v1"), Literal.Typed(i.ToString(CultureInfo.InvariantCulture), Xsd.Integer)));
            ds.Add(new Quad(p, Ex("v2"), Literal.Typed((i * 7 % n).ToString(CultureInfo.InvariantCulture), Xsd.Integer)));
        }
        ds.Add(new Quad(Ex("p3"), RdfVocabulary.Type, Ex("Rare")));
        // More labelled things than products, so a BGP ordered by counts alone starts from the type.
        for (int i = 0; i < 2 * n; i++)
            ds.Add(new Quad(Ex("other" + i), Label, Literal.Simple("other" + i.ToString(CultureInfo.InvariantCulture))));
        return ds;
    }

    private const string Rdfs = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ";

    [Fact]
    public void RegexOverLabelsScansTheLabelsInsteadOfLookingUpEveryProduct()
    {
        var source = new CountingQuadSource(Products(1_000));
        var rows = Select(source, Rdfs + "SELECT ?p WHERE { ?p rdfs:label ?l . ?p a :Product FILTER regex(?l, \"^word12\") }");
        Assert.Equal(new[] { "<http://example.org/p12>", "<http://example.org/p120>", "<http://example.org/p121>", "<http://example.org/p122>",
            "<http://example.org/p123>", "<http://example.org/p124>", "<http://example.org/p125>", "<http://example.org/p126>",
            "<http://example.org/p127>", "<http://example.org/p128>", "<http://example.org/p129>" }.Order(StringComparer.Ordinal), rows.Select(r => r["p"]).Order(StringComparer.Ordinal));
        // Starting from the 1,000 typed products would look up a label for each of them.
        Assert.True(source.MatchCalls < 50, $"{source.MatchCalls} lookups");
        var plan = SparqlEngine.Explain(SparqlQuery.Parse(Prefixes + Rdfs + "SELECT ?p WHERE { ?p rdfs:label ?l . ?p a :Product FILTER regex(?l, \"^word12\") }"), Products(1_000));
        Assert.Contains("SeedChoice scan for ?l first", plan.ToString());
    }

    [Fact]
    public void ASelectivePatternKeepsTheBgpOrder()
    {
        var source = new CountingQuadSource(Products(1_000));
        var rows = Select(source, Rdfs + "SELECT ?p WHERE { ?p rdfs:label ?l . ?p a :Rare FILTER regex(?l, \"word\") }");
        Assert.Equal("<http://example.org/p3>", Assert.Single(rows)["p"]);
        Assert.True(source.MatchCalls < 10, $"{source.MatchCalls} lookups");
    }

    [Fact]
    public void RangesAgainstAnotherProductsValuesGiveTheSameAnswerFromEitherStart()
    {
        var ds = Products(500);
        // Products whose two values are both within a band around p250's (the shape of BSBM Q5).
        const string query = "SELECT ?p WHERE { ?p :v1 ?a . :p250 :v1 ?oa . ?p :v2 ?b . :p250 :v2 ?ob . ?p a :Product "
            + "FILTER(:p250 != ?p && ?a < (?oa + 40) && ?a > (?oa - 40) && ?b < (?ob + 60) && ?b > (?ob - 60)) }";
        var expected = Enumerable.Range(0, 500)
            .Where(i => i != 250 && Math.Abs(i - 250) < 40 && Math.Abs(i * 7 % 500 - 250 * 7 % 500) < 60)
            .Select(i => "<http://example.org/p" + i.ToString(CultureInfo.InvariantCulture) + ">")
            .Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Select(ds, query).Select(r => r["p"]!).Order(StringComparer.Ordinal));
        // The same query with the filters outside the BGP (no seed choice) agrees.
        var unfiltered = Select(ds, "SELECT ?p ?a ?oa ?b ?ob WHERE { ?p :v1 ?a . :p250 :v1 ?oa . ?p :v2 ?b . :p250 :v2 ?ob . ?p a :Product }");
        var byHand = unfiltered.Where(r => r["p"] != "<http://example.org/p250>" && Math.Abs(Number(r["a"]) - Number(r["oa"])) < 40
            && Math.Abs(Number(r["b"]) - Number(r["ob"])) < 60).Select(r => r["p"]!).Order(StringComparer.Ordinal);
        Assert.Equal(expected, byHand);
    }

    private static int Number(string? literal) => int.Parse(literal!.Split('"')[1], CultureInfo.InvariantCulture);

    [Fact]
    public void FilterConjunctsMoveIntoTheRequiredSideOfAnOptional()
    {
        var query = SparqlQuery.Parse(Prefixes + "SELECT ?p WHERE { ?p :v1 ?a OPTIONAL { ?p :missing ?x } FILTER(?a < 3 && !bound(?x)) }");
        var optimized = AlgebraOptimizer.Optimize(query.Pattern);
        var outer = FindFilter(optimized)!;
        Assert.Equal("!(BOUND(?x))", outer.Condition.ToString());
        var lj = Assert.IsType<LeftJoinPattern>(outer.Inner);
        Assert.Contains("<(?a", Assert.IsType<FilterPattern>(lj.Left).Condition.ToString());
        var rows = Select(Products(10), "SELECT ?p WHERE { ?p :v1 ?a OPTIONAL { ?p :missing ?x } FILTER(?a < 3 && !bound(?x)) }");
        Assert.Equal(3, rows.Count);
        var none = Select(Products(10), "SELECT ?p WHERE { ?p :v1 ?a OPTIONAL { ?p :v2 ?x } FILTER(?a < 3 && !bound(?x)) }");
        Assert.Empty(none);
    }

    private static FilterPattern? FindFilter(GraphPattern p) => p switch
    {
        FilterPattern f => f,
        ProjectPattern pr => FindFilter(pr.Inner),
        _ => null,
    };

    [Theory]
    [InlineData("regex(?l, \"x\")", "l", 0.05)]
    [InlineData("CONTAINS(STR(?l), \"x\")", "l", 0.05)]
    [InlineData("?v > 3", "v", 1.0 / 3)]
    [InlineData("(?w + 1) > ?v", "v", 1.0 / 3)]
    [InlineData("?v = 3", "v", 0.02)]
    public void SelectivityGuessNamesTheRestrictedVariable(string filter, string variable, double selectivity)
    {
        var query = SparqlQuery.Parse(Prefixes + "SELECT * WHERE { ?s :p ?v ; :q ?w ; :r ?l FILTER(" + filter + ") }");
        var condition = FindFilter(query.Pattern)!.Condition;
        var guess = FilterSelectivity.Classify(condition);
        Assert.NotNull(guess);
        Assert.Equal(variable, guess.Value.Variable);
        Assert.Equal(selectivity, guess.Value.Selectivity, 6);
    }

    [Fact]
    public void AFilterRelatingTwoVariablesOfOnePatternIsNotARange()
    {
        var query = SparqlQuery.Parse(Prefixes + "SELECT * WHERE { ?s :p ?v FILTER(?v > ?v) }");
        Assert.Null(FilterSelectivity.Classify(FindFilter(query.Pattern)!.Condition));
    }
}
