using TripleStore.Dataset;
using TripleStore.Formats;
using TripleStore.Rdf;
using TripleStore.Sparql;

namespace TripleStore.Tests.W3C;

/// <summary>Runs one SPARQL query test (syntax or evaluation) and returns why it failed, or null.</summary>
public static class SparqlTestRunner
{
    private const string Mf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
    private const string Qt = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#";

    public static bool IsQueryTest(W3CTest test) => test.TypeName is "PositiveSyntaxTest" or "NegativeSyntaxTest"
        or "PositiveSyntaxTest11" or "NegativeSyntaxTest11" or "QueryEvaluationTest";

    public static bool IsUpdateSyntaxTest(W3CTest test) => test.TypeName is "PositiveUpdateSyntaxTest11" or "NegativeUpdateSyntaxTest11";

    public static string? Run(W3CTest test)
    {
        try
        {
            return test.TypeName switch
            {
                "PositiveSyntaxTest" or "PositiveSyntaxTest11" => PositiveSyntax(test),
                "NegativeSyntaxTest" or "NegativeSyntaxTest11" => NegativeSyntax(test),
                "QueryEvaluationTest" => Evaluation(test),
                "PositiveUpdateSyntaxTest11" => UpdateSyntax(test, positive: true),
                "NegativeUpdateSyntaxTest11" => UpdateSyntax(test, positive: false),
                _ => $"unsupported test type {test.TypeName}",
            };
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    private static (string Text, string Iri) ReadQuery(Term node)
    {
        var iri = ((Iri)node).Value;
        var path = W3CSuiteLocation.LocalPathOf(iri) ?? throw new InvalidDataException($"query {iri} is not in the suites");
        return (File.ReadAllText(path), iri);
    }

    private static string? PositiveSyntax(W3CTest test)
    {
        var (text, iri) = ReadQuery(test.Action!);
        try
        {
            SparqlQuery.Parse(text, iri);
            return null;
        }
        catch (TripleStoreException e)
        {
            return "rejected a valid query: " + e.Message;
        }
    }

    private static string? NegativeSyntax(W3CTest test)
    {
        var (text, iri) = ReadQuery(test.Action!);
        try
        {
            SparqlQuery.Parse(text, iri);
            return "accepted an invalid query";
        }
        catch (TripleStoreException e) when (e.ErrorCode == ErrorCodes.QuerySyntax)
        {
            return null;
        }
    }

    private static string? UpdateSyntax(W3CTest test, bool positive)
    {
        var (text, iri) = ReadQuery(test.Action!);
        try
        {
            TripleStore.Sparql.Update.SparqlUpdate.Parse(text, iri);
            return positive ? null : "accepted an invalid update";
        }
        catch (TripleStoreException e) when (e.ErrorCode == ErrorCodes.QuerySyntax)
        {
            return positive ? "rejected a valid update: " + e.Message : null;
        }
    }

    private static string? Evaluation(W3CTest test)
    {
        var action = test.Action!;
        var m = test.Manifest;
        var (text, queryIri) = ReadQuery(m.Object(action, Qt + "query")!);
        var dataset = new InMemoryDataset();
        foreach (var data in m.Objects(action, Qt + "data"))
            Load(dataset, (Iri)data, graph: null);
        foreach (var data in m.Objects(action, Qt + "graphData"))
            Load(dataset, (Iri)data, graph: data);

        var query = SparqlQuery.Parse(text, queryIri);
        // FROM and FROM NAMED name files of the suite: the harness makes them available as named graphs.
        foreach (var g in query.DefaultGraphs.Concat(query.NamedGraphs).Distinct())
            if (W3CSuiteLocation.LocalPathOf(g.Value) is { } local && File.Exists(local) && !dataset.NamedGraphs().Contains(g))
                Load(dataset, g, graph: g);
        var resultIri = ((Iri)test.Result!).Value;
        var resultPath = W3CSuiteLocation.LocalPathOf(resultIri)!;
        var options = new QueryOptions { Timeout = TimeSpan.FromSeconds(30) };
        // TRIPLESTORE_TEST_SPILL_ROWS=N runs every query with N rows in memory, spilling the rest to disk.
        if (long.TryParse(Environment.GetEnvironmentVariable("TRIPLESTORE_TEST_SPILL_ROWS"), out long spillRows))
            options = options with { MaxRowsInMemory = spillRows, SpillDirectory = Path.Combine(Path.GetTempPath(), "triplestore-w3c-spill") };
        var result = SparqlEngine.Evaluate(query, dataset, options);
        switch (result)
        {
            case GraphResult graph:
            {
                var expected = ExpectedResults.ReadRdf(resultPath, resultIri);
                var actual = graph.Select(t => new Quad(t.Subject, t.Predicate, t.Object)).ToList();
                var diff = Isomorphism.TryExplainDifference(expected, actual);
                return diff is null ? null : "graph differs: " + diff;
            }
            case BooleanResult boolean:
            {
                var expected = ExpectedResults.Load(resultPath, resultIri);
                return expected.Boolean == boolean.Value ? null : $"expected {expected.Boolean}, got {boolean.Value}";
            }
            case SolutionSequence rows:
            {
                var expected = ExpectedResults.Load(resultPath, resultIri);
                if (expected.Boolean is not null) return "expected a boolean, got solutions";
                var actual = new ExpectedResults();
                actual.Variables.AddRange(rows.Variables);
                foreach (var row in rows)
                {
                    var dict = new Dictionary<string, Term>();
                    for (int i = 0; i < row.Length; i++) if (row[i] is { } v) dict[rows.Variables[i]] = v;
                    actual.Rows.Add(dict);
                }
                return Compare(expected, actual, ordered: expected.Ordered && HasOrderBy(query.Pattern));
            }
        }
        return "unknown result";
    }

    private static bool HasOrderBy(TripleStore.Sparql.Algebra.GraphPattern p) => p switch
    {
        TripleStore.Sparql.Algebra.OrderByPattern => true,
        TripleStore.Sparql.Algebra.SlicePattern s => HasOrderBy(s.Inner),
        TripleStore.Sparql.Algebra.DistinctPattern d => HasOrderBy(d.Inner),
        TripleStore.Sparql.Algebra.ReducedPattern r => HasOrderBy(r.Inner),
        TripleStore.Sparql.Algebra.ProjectPattern pr => HasOrderBy(pr.Inner),
        _ => false,
    };

    private static string? Compare(ExpectedResults expected, ExpectedResults actual, bool ordered)
    {
        if (expected.Rows.Count != actual.Rows.Count)
            return $"expected {expected.Rows.Count} rows, got {actual.Rows.Count}:\n{Show(actual)}\nexpected:\n{Show(expected)}";
        var diff = Isomorphism.TryExplainDifference(expected.AsGraph(), actual.AsGraph());
        if (diff is not null) return $"rows differ: {diff}\nactual:\n{Show(actual)}\nexpected:\n{Show(expected)}";
        if (ordered)
        {
            for (int i = 0; i < expected.Rows.Count; i++)
            {
                var e = expected.Rows[i];
                var a = actual.Rows[i];
                foreach (var (k, v) in e)
                    if (v is not BlankNode && (!a.TryGetValue(k, out var av) || !ExpectedResults.Canonical(av).Equals(ExpectedResults.Canonical(v))))
                        return $"row {i} out of order: expected {k}={v}, got {(a.TryGetValue(k, out var x) ? x : "unbound")}\nactual:\n{Show(actual)}";
            }
        }
        return null;
    }

    private static string Show(ExpectedResults set) =>
        string.Join("\n", set.Rows.Take(20).Select(r => "  " + string.Join(" ", r.Select(kv => $"?{kv.Key}={kv.Value}"))));

    private static void Load(InMemoryDataset dataset, Iri file, Term? graph)
    {
        var path = W3CSuiteLocation.LocalPathOf(file.Value)!;
        foreach (var q in ExpectedResults.ReadRdf(path, file.Value))
            dataset.Add(q with { Graph = graph });
    }
}
