using System.Reflection;
using Xunit.Sdk;

namespace TripleStore.Tests.W3C;

/// <summary>
/// One theory row per test of the suite named by the test class's <see cref="RdfSuiteAttribute"/>,
/// so every W3C test shows up, and fails, under its own id.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RdfSuiteDataAttribute : DataAttribute
{
    /// <summary>Only tests that define a graph (eval results and positive syntax actions).</summary>
    public bool GraphsOnly { get; set; }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        var suite = RdfSuiteAttribute.Of(testMethod.ReflectedType!);
        foreach (var test in RdfSuites.Tests(suite))
        {
            if (GraphsOnly && !(RdfTestRunner.IsEval(test) || RdfTestRunner.IsPositiveSyntax(test))) continue;
            yield return [test.Id];
        }
    }
}
