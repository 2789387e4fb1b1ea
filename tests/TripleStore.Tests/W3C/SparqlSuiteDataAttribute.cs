using System.Reflection;
using Xunit.Sdk;

namespace TripleStore.Tests.W3C;

/// <summary>One theory row per test of a SPARQL query suite, keyed by the test IRI relative to the suites root.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SparqlSuiteDataAttribute(string manifest) : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        foreach (var test in SparqlSuites.Tests(manifest))
            yield return [SparqlSuites.Key(test)];
    }
}
