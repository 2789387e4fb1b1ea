using Xunit;
using Xunit.Abstractions;

namespace TripleStore.Tests.W3C;

/// <summary>
/// The W3C SPARQL 1.1 update evaluation tests: a theory row per test (in memory), and one fact for the
/// suite in memory and one on a real store, which report the counts and require every test to pass
/// except those in sparql-update-known-failures.txt (which must still fail, so that list only shrinks).
/// </summary>
public sealed class SparqlUpdateConformanceTests(ITestOutputHelper output)
{
    [Theory]
    [SparqlUpdateSuiteData]
    public void Sparql11_update_test(string test)
    {
        var failure = SparqlUpdateTestRunner.Run(SparqlUpdateSuite.Find(test));
        if (SparqlUpdateSuite.KnownFailures.TryGetValue(test, out var reason))
        {
            Assert.True(failure is not null, $"{test} is listed in sparql-update-known-failures.txt ({reason}) but now passes: remove it.");
            return;
        }
        Assert.True(failure is null, $"{test}: {failure}");
    }

    [Fact]
    public void Sparql11_update_suite() => RunSuite("sparql11-update", onStore: false);

    [Fact]
    public void Sparql11_update_suite_on_store() => RunSuite("sparql11-update (store)", onStore: true);

    private void RunSuite(string name, bool onStore)
    {
        var tests = SparqlUpdateSuite.Tests;
        int passed = 0, failed = 0, expectedFailures = 0;
        var unexpected = new List<string>();
        foreach (var test in tests)
        {
            var key = SparqlSuites.Key(test);
            var failure = SparqlUpdateTestRunner.Run(test, onStore);
            bool known = SparqlUpdateSuite.KnownFailures.ContainsKey(key);
            if (failure is null)
            {
                passed++;
                if (known) unexpected.Add($"{key}: passes but is listed in sparql-update-known-failures.txt");
            }
            else
            {
                failed++;
                if (known) expectedFailures++;
                else unexpected.Add($"{key}: {failure}");
            }
        }
        output.WriteLine($"{name}: {tests.Count} tests, {passed} passed, {failed} failed ({expectedFailures} known failures)");
        foreach (var u in unexpected) output.WriteLine("  " + u);
        Assert.NotEmpty(tests);
        Assert.True(unexpected.Count == 0, $"{name}: {unexpected.Count} unexpected results:\n" + string.Join("\n", unexpected.Take(200)));
    }
}
