using TripleStore.Rdf;

namespace TripleStore.Tests.W3C;

/// <summary>
/// Loads the tests of a W3C manifest: its mf:entries, and those of every manifest its mf:include
/// lists name, recursively, each test once.
/// </summary>
public static class W3CManifest
{
    /// <summary>Loads the tests reachable from a manifest given by its path under the suites root, e.g. "rdf/rdf11/rdf-turtle/manifest.ttl".</summary>
    public static IReadOnlyList<W3CTest> Load(string relativeManifestPath) =>
        LoadFile(W3CSuiteLocation.LocalPath(relativeManifestPath));

    public static IReadOnlyList<W3CTest> LoadFile(string manifestPath)
    {
        var tests = new List<W3CTest>();
        var seenTests = new HashSet<string>(StringComparer.Ordinal);
        var seenManifests = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(Path.GetFullPath(manifestPath));
        while (pending.Count > 0)
        {
            var path = pending.Pop();
            if (!seenManifests.Add(path)) continue;
            var graph = ManifestGraph.Read(path);
            var manifestNode = new Iri(graph.Iri);
            foreach (var node in ManifestNodes(graph, manifestNode))
            {
                foreach (var list in graph.Objects(node, W3CVocabulary.Entries))
                    foreach (var entry in graph.List(list))
                        if (seenTests.Add(entry.ToString()))
                            tests.Add(new W3CTest(graph, entry));
                var includes = graph.Objects(node, W3CVocabulary.Include).SelectMany(graph.List).ToList();
                // Pushed in reverse so included manifests load in the order they are listed.
                for (int i = includes.Count - 1; i >= 0; i--)
                {
                    var included = includes[i] is Iri iri ? W3CSuiteLocation.LocalPathOf(iri.Value) : null;
                    if (included is null) throw new InvalidDataException($"{path}: mf:include names {includes[i]}, which is not a file of the suites.");
                    pending.Push(Path.GetFullPath(included));
                }
            }
        }
        return tests;
    }

    /// <summary>The manifest node is normally the file itself (&lt;&gt;); fall back to any subject with entries or includes.</summary>
    private static IEnumerable<Term> ManifestNodes(ManifestGraph graph, Iri fileNode)
    {
        var nodes = graph.Quads
            .Where(q => q.Predicate.Value is W3CVocabulary.Entries or W3CVocabulary.Include)
            .Select(q => q.Subject)
            .Distinct()
            .ToList();
        nodes.Sort((a, b) => (b.Equals(fileNode) ? 1 : 0) - (a.Equals(fileNode) ? 1 : 0));
        return nodes;
    }
}
