using Xunit;
using Xunit.Abstractions;

namespace TripleStore.Tests.W3C;

/// <summary>
/// The W3C SPARQL 1.0 and SPARQL 1.1 query suites: a theory row per test, and one fact per suite that
/// reports the counts and requires every test to pass except those in sparql-skip.txt (entailment,
/// SERVICE) and sparql-known-failures.txt (which must still fail, so that list only shrinks).
/// </summary>
public sealed class SparqlConformanceTests(ITestOutputHelper output)
{
    [Theory]
    [SparqlSuiteData(SparqlSuites.Sparql10)]
    public void Sparql10_test(string test) => RunOne(SparqlSuites.Sparql10, test);

    [Theory]
    [SparqlSuiteData(SparqlSuites.Sparql11Query)]
    public void Sparql11_query_test(string test) => RunOne(SparqlSuites.Sparql11Query, test);

    [Fact]
    public void Sparql10_suite() => RunSuite("sparql10", SparqlSuites.Sparql10);

    [Fact]
    public void Sparql11_query_suite() => RunSuite("sparql11-query", SparqlSuites.Sparql11Query);

    private static void RunOne(string manifest, string key)
    {
        if (SparqlSuites.Skipped.ContainsKey(key)) return;
        var failure = SparqlTestRunner.Run(SparqlSuites.Find(manifest, key));
        if (SparqlSuites.KnownFailures.TryGetValue(key, out var reason))
        {
            Assert.True(failure is not null, $"{key} is listed in sparql-known-failures.txt ({reason}) but now passes: remove it from the list.");
            return;
        }
        Assert.True(failure is null, $"{key}: {failure}");
    }

    private void RunSuite(string name, string manifest)
    {
        var tests = SparqlSuites.Tests(manifest);
        int passed = 0, failed = 0, skipped = 0, expectedFailures = 0;
        var unexpected = new List<string>();
        foreach (var test in tests)
        {
            var key = SparqlSuites.Key(test);
            if (SparqlSuites.Skipped.ContainsKey(key)) { skipped++; continue; }
            var failure = SparqlTestRunner.Run(test);
            bool known = SparqlSuites.KnownFailures.ContainsKey(key);
            if (failure is null)
            {
                passed++;
                if (known) unexpected.Add($"{key}: passes but is listed in sparql-known-failures.txt");
            }
            else
            {
                failed++;
                if (known) expectedFailures++;
                else unexpected.Add($"{key}: {failure}");
            }
        }
        output.WriteLine($"{name}: {tests.Count} tests, {passed} passed, {failed} failed ({expectedFailures} known failures), {skipped} skipped");
        foreach (var u in unexpected) output.WriteLine("  " + u);
        Assert.NotEmpty(tests);
        Assert.True(unexpected.Count == 0, $"{name}: {unexpected.Count} unexpected results:\n" + string.Join("\n", unexpected.Take(200)));
    }
}
