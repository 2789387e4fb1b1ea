using System.Reflection;

namespace TripleStore.Benchmarks;

/// <summary>Reads the benchmark texts (ontologies, queries) embedded in the engine assembly.</summary>
internal static class EmbeddedText
{
    private static readonly Assembly Assembly = typeof(EmbeddedText).Assembly;

    public static string Read(string resourceName)
    {
        using var stream = Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The engine assembly has no embedded resource '{resourceName}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
