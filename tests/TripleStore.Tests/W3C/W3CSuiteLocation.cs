namespace TripleStore.Tests.W3C;

/// <summary>
/// Where the W3C test suites live on disk and how local paths map to their published IRIs.
/// The suites are never copied into the repository: they are found next to it, or through TRIPLESTORE_W3C_DIR.
/// </summary>
public static class W3CSuiteLocation
{
    /// <summary>The published home of the suites; a file's IRI is this prefix followed by its path under the root.</summary>
    public const string PublishedRoot = "https://w3c.github.io/rdf-tests/";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The local folder that holds <c>rdf/</c> and <c>sparql/</c>.</summary>
    public static string Root => LazyRoot.Value;

    public static string LocalPath(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The published IRI of a local file under <see cref="Root"/>.</summary>
    public static string IriOf(string localPath)
    {
        var relative = Path.GetRelativePath(Root, Path.GetFullPath(localPath)).Replace(Path.DirectorySeparatorChar, '/');
        if (relative.StartsWith("../", StringComparison.Ordinal))
            throw new ArgumentException($"'{localPath}' is not under the W3C suites folder {Root}.", nameof(localPath));
        return PublishedRoot + relative;
    }

    /// <summary>The local file of a published IRI (its fragment dropped), or null for IRIs outside the suites.</summary>
    public static string? LocalPathOf(string iri)
    {
        if (!iri.StartsWith(PublishedRoot, StringComparison.Ordinal)) return null;
        var relative = iri[PublishedRoot.Length..];
        int hash = relative.IndexOf('#');
        if (hash >= 0) relative = relative[..hash];
        return LocalPath(relative);
    }

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("TRIPLESTORE_W3C_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            if (!Directory.Exists(fromEnvironment))
                throw new DirectoryNotFoundException($"TRIPLESTORE_W3C_DIR points to '{fromEnvironment}', which does not exist.");
            return Path.GetFullPath(fromEnvironment);
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "w3c");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException(
            $"The W3C test suites were not found: no folder 'shared/w3c' above {AppContext.BaseDirectory}. Set TRIPLESTORE_W3C_DIR to their location.");
    }
}
