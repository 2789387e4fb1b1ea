using TripleStore.Formats;
using TripleStore.Rdf;

namespace TripleStore.Tests.W3C;

/// <summary>Runs one W3C RDF syntax or evaluation test (rdft: test types) against our readers.</summary>
public static class RdfTestRunner
{
    /// <summary>The syntax a test's action is written in, from its type name.</summary>
    public static RdfFormat ActionFormat(W3CTest test)
    {
        var type = test.TypeName;
        if (type.StartsWith("TestNTriples", StringComparison.Ordinal)) return RdfFormat.NTriples;
        if (type.StartsWith("TestNQuads", StringComparison.Ordinal)) return RdfFormat.NQuads;
        if (type.StartsWith("TestTurtle", StringComparison.Ordinal)) return RdfFormat.Turtle;
        if (type.StartsWith("TestTrig", StringComparison.Ordinal)) return RdfFormat.TriG;
        if (type.StartsWith("TestXML", StringComparison.Ordinal)) return RdfFormat.RdfXml;
        throw new NotSupportedException($"{test}: unknown RDF test type {test.Type}");
    }

    public static bool IsEval(W3CTest test) => test.TypeName.EndsWith("Eval", StringComparison.Ordinal);
    public static bool IsPositiveSyntax(W3CTest test) => test.TypeName.EndsWith("PositiveSyntax", StringComparison.Ordinal);
    public static bool IsNegative(W3CTest test) =>
        test.TypeName.EndsWith("NegativeSyntax", StringComparison.Ordinal) || test.TypeName.EndsWith("NegativeEval", StringComparison.Ordinal);

    /// <summary>Null when the test passes, else why it fails.</summary>
    public static string? Run(W3CTest test)
    {
        var action = test.ActionPath ?? throw new InvalidDataException($"{test}: mf:action is not a local file");
        var format = ActionFormat(test);
        if (IsNegative(test))
        {
            try
            {
                var count = Parse(action, format).Count;
                return $"expected a syntax error, but it parsed {count} statements";
            }
            catch (RdfSyntaxException)
            {
                return null;
            }
        }
        List<Quad> actual;
        try
        {
            actual = Parse(action, format);
        }
        catch (TripleStoreException e)
        {
            return $"unexpected error: {e.Message}";
        }
        if (IsPositiveSyntax(test)) return null;
        if (!IsEval(test)) return $"unsupported test type {test.TypeName}";

        var result = test.ResultPath ?? throw new InvalidDataException($"{test}: mf:result is not a local file");
        var expected = ParseExpected(result);
        var difference = Isomorphism.TryExplainDifference(actual, expected);
        return difference is null ? null : $"the result differs from {Path.GetFileName(result)}: {difference}";
    }

    /// <summary>Parses a test file with its own published IRI as base, as the suites require.</summary>
    public static List<Quad> Parse(string localPath, RdfFormat format)
    {
        using var reader = RdfParser.OpenFile(localPath, format, new RdfReaderOptions { BaseIri = W3CSuiteLocation.IriOf(localPath) });
        return reader.ReadAll().ToList();
    }

    /// <summary>Reads an expected result, .nt or .nq.</summary>
    public static List<Quad> ParseExpected(string localPath) =>
        Parse(localPath, localPath.EndsWith(".nq", StringComparison.OrdinalIgnoreCase) ? RdfFormat.NQuads : RdfFormat.NTriples);

    /// <summary>The graph a test defines: the expected result of an eval test, or the action of a positive syntax test.</summary>
    public static List<Quad>? DefinedGraph(W3CTest test)
    {
        if (IsEval(test) && test.ResultPath is { } result) return ParseExpected(result);
        if (IsPositiveSyntax(test) && test.ActionPath is { } action) return Parse(action, ActionFormat(test));
        return null;
    }
}
