using System.Reflection;

namespace TripleStore.Tests.W3C;

/// <summary>Names the manifest, under the suites root, that a conformance test class runs.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RdfSuiteAttribute(string manifest) : Attribute
{
    public string Manifest { get; } = manifest;

    public static string Of(Type testClass) =>
        testClass.GetCustomAttribute<RdfSuiteAttribute>()?.Manifest
        ?? throw new InvalidOperationException($"{testClass.Name} needs an [RdfSuite(\"<manifest path>\")] attribute.");
}
