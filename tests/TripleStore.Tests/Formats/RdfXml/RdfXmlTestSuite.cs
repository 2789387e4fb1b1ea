using System.Text.RegularExpressions;

namespace TripleStore.Tests.Formats.RdfXml;

/// <summary>The W3C RDF/XML test suite: where it is and which tests its manifest lists.</summary>
internal static class RdfXmlTestSuite
{
    public const string BaseIri = "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-xml/";

    public sealed record Entry(string Name, string Type, string Action, string? Result);

    public static string Directory => Path.Combine(FindW3CDirectory(), "rdf", "rdf11", "rdf-xml");

    /// <summary>The entries of manifest.ttl, in manifest order; entries commented out of mf:entries are left out.</summary>
    public static IReadOnlyList<Entry> Entries()
    {
        var text = File.ReadAllText(Path.Combine(Directory, "manifest.ttl"));
        int start = text.IndexOf("mf:entries (", StringComparison.Ordinal);
        int end = text.IndexOf(')', start);
        var listed = text[start..end].Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("<#", StringComparison.Ordinal))
            .Select(l => l[2..^1])
            .ToList();
        var blocks = Regex.Matches(text[end..], @"<#([^>]+)>\s+a\s+rdft:(\w+);(.*?)\s\.\s*$", RegexOptions.Singleline | RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m);
        var entries = new List<Entry>();
        foreach (var name in listed)
        {
            var m = blocks[name];
            var body = m.Groups[3].Value;
            var action = Regex.Match(body, @"mf:action\s+<([^>]+)>").Groups[1].Value;
            var result = Regex.Match(body, @"mf:result\s+<([^>]+)>");
            entries.Add(new Entry(name, m.Groups[2].Value, action, result.Success ? result.Groups[1].Value : null));
        }
        return entries;
    }

    private static string FindW3CDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("TRIPLESTORE_W3C_DIR");
        if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "w3c");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("The W3C test suites were not found: set TRIPLESTORE_W3C_DIR or place them in shared/w3c above the repository.");
    }
}
