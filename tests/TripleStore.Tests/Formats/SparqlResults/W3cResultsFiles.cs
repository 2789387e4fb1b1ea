namespace TripleStore.Tests.Formats.SparqlResults;

/// <summary>
/// Locates the W3C SPARQL suites: TRIPLESTORE_W3C_DIR, or the nearest folder above the test assembly
/// that holds shared/w3c.
/// </summary>
internal static class W3cResultsFiles
{
    public static string SparqlRoot
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("TRIPLESTORE_W3C_DIR");
            if (!string.IsNullOrEmpty(fromEnv)) return Path.Combine(fromEnv, "sparql");
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "w3c");
                if (Directory.Exists(candidate)) return Path.Combine(candidate, "sparql");
            }
            throw new DirectoryNotFoundException("The W3C test suites were not found: set TRIPLESTORE_W3C_DIR or place them in ../shared/w3c.");
        }
    }

    public static IEnumerable<string> Find(string pattern) =>
        Directory.EnumerateFiles(SparqlRoot, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static string Relative(string path) => Path.GetRelativePath(SparqlRoot, path).Replace('\\', '/');

    public static string Full(string relative) => Path.Combine(SparqlRoot, relative);
}
