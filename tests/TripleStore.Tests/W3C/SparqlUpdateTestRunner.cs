using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql.Update;

namespace TripleStore.Tests.W3C;

/// <summary>
/// Runs one SPARQL 1.1 update evaluation test: loads ut:data / ut:graphData of the action, executes the
/// request, and compares every graph with the result's ut:data / ut:graphData under blank node isomorphism.
/// The request runs either in memory or on a real store in a temporary folder.
/// </summary>
public static class SparqlUpdateTestRunner
{
    private const string Ut = "http://www.w3.org/2009/sparql/tests/test-update#";
    private const string RdfsLabel = "http://www.w3.org/2000/01/rdf-schema#label";

    public static bool IsUpdateEvaluationTest(W3CTest test) => test.TypeName == "UpdateEvaluationTest";

    public static string? Run(W3CTest test, bool onStore = false)
    {
        try
        {
            var m = test.Manifest;
            var action = test.Action!;
            var requestIri = ((Iri)m.Object(action, Ut + "request")!).Value;
            var request = File.ReadAllText(W3CSuiteLocation.LocalPathOf(requestIri)!);
            var before = ReadDataset(m, action);
            var expected = ReadDataset(m, test.Result!);
            var options = new UpdateOptions { BaseIri = requestIri };
            List<Quad> actual;
            if (onStore) actual = RunOnStore(request, before, options);
            else
            {
                var overlay = new OverlayDataset(new InMemoryDataset(before));
                UpdateExecutor.Execute(SparqlUpdate.Parse(request, requestIri), overlay, options);
                actual = overlay.Match(null, null, null, GraphSelector.All).ToList();
            }
            var diff = Isomorphism.TryExplainDifference(expected, actual);
            return diff is null ? null : "dataset differs: " + diff;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    private static List<Quad> RunOnStore(string request, List<Quad> before, UpdateOptions options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ts-update-w3c-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var store = RdfStore.Open(folder, new StoreOptions { SyncWrites = false });
            store.AddRange(before);
            store.Update(request, options);
            using var snapshot = store.OpenSnapshot();
            return snapshot.Match(null, null, null, GraphSelector.All).ToList();
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static List<Quad> ReadDataset(ManifestGraph m, Term node)
    {
        var quads = new List<Quad>();
        foreach (var data in m.Objects(node, Ut + "data"))
            quads.AddRange(Read((Iri)data, null));
        foreach (var graphData in m.Objects(node, Ut + "graphData"))
        {
            if (graphData is Iri direct)
            {
                quads.AddRange(Read(direct, direct));
                continue;
            }
            var file = (Iri)m.Object(graphData, Ut + "graph")!;
            var name = m.Object(graphData, RdfsLabel) is Literal label ? new Iri(label.Value) : file;
            quads.AddRange(Read(file, name));
        }
        return quads;
    }

    private static IEnumerable<Quad> Read(Iri file, Term? graph) =>
        ExpectedResults.ReadRdf(W3CSuiteLocation.LocalPathOf(file.Value)!, file.Value).Select(q => q with { Graph = graph });
}
