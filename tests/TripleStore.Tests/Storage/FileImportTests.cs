using TripleStore.Dataset;
using TripleStore.Formats;
using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.Storage;

public class FileImportTests
{
    private static string WriteFile(TempFolder folder, string name, string text)
    {
        string path = folder.Combine(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_syntax_error_in_the_third_of_five_files_leaves_the_store_unchanged()
    {
        using var folder = new TempFolder();
        var files = new List<string>();
        for (int i = 1; i <= 5; i++)
        {
            string body = string.Concat(Enumerable.Range(0, 100).Select(n => $"<http://example.org/f{i}/s{n}> <http://example.org/p> \"{n}\" .\n"));
            if (i == 3) body += "<http://example.org/broken> <http://example.org/p> \"unterminated .\n";
            files.Add(WriteFile(folder, $"part{i}.nt", body));
        }
        var store = RdfStore.Open(folder.Combine("store"));
        try
        {
            store.Add(new Quad(StoreTestData.Ex("existing"), StoreTestData.Ex("p"), StoreTestData.Ex("o")));
            var e = Assert.Throws<RdfSyntaxException>(() => store.Import(files));
            Assert.Equal(ErrorCodes.RdfSyntax, e.ErrorCode);
            Assert.Contains("part3.nt", e.Message);
            Assert.Equal(101, e.Position.Line);
            Assert.Equal(1, store.Count());

            // Lenient mode skips the bad statement and loads the rest, all at once.
            var summary = store.Import(files, new ImportOptions { Lenient = true });
            Assert.Equal(5, summary.Files);
            Assert.Equal(500, summary.TriplesAdded);
            Assert.Equal(1, summary.ErrorsSkipped);
            Assert.Equal(501, store.Count());
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void Files_of_different_formats_load_with_distinct_blank_nodes_per_file()
    {
        using var folder = new TempFolder();
        string nt = WriteFile(folder, "a.nt", "_:x <http://example.org/p> \"from nt\" .\n");
        string ttl = WriteFile(folder, "b.ttl", "@prefix ex: <http://example.org/> .\n_:x ex:p \"from ttl\" ; ex:q 1, 2.5 .\n");
        string nq = WriteFile(folder, "c.nq", "_:x <http://example.org/p> \"from nq\" <http://example.org/g> .\n");
        var store = RdfStore.Open(folder.Combine("store"));
        try
        {
            var summary = store.Import([nt, ttl, nq]);
            Assert.Equal(5, summary.TriplesAdded);
            using var snapshot = store.OpenSnapshot();
            var subjects = snapshot.Match(null, StoreTestData.Ex("p"), null, GraphSelector.All).Select(q => q.Subject).Distinct().ToList();
            Assert.Equal(3, subjects.Count);
            Assert.All(subjects, s => Assert.IsType<BlankNode>(s));
            var numbers = snapshot.Match(null, StoreTestData.Ex("q"), null, GraphSelector.Default).Select(q => q.Object).ToHashSet();
            Assert.Equal(new HashSet<Term> { Literal.Typed("1", Xsd.Integer), Literal.Typed("2.5", Xsd.Decimal) }, numbers);
            Assert.Single(snapshot.Match(null, null, Literal.Simple("from nq"), GraphSelector.Named(StoreTestData.Ex("g"))));

            // Importing the same blank-node file again adds new nodes: labels are scoped to one read.
            Assert.Equal(1, store.Import([nt]).TriplesAdded);
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void An_export_to_n_quads_reads_back_to_the_same_quads()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Combine("store"));
        try
        {
            var data = StoreTestData.Mixed();
            store.AddRange(data);
            string path = folder.Combine("out.nq");
            using (var writer = RdfSerializer.CreateFile(path))
                Assert.Equal(data.Count, store.Export(writer));
            using var reader = RdfParser.OpenFile(path);
            var back = reader.ReadAll().ToList();
            Assert.Equal(data.Count, back.Count);
            Assert.Equal(data.Where(q => q.Subject is not BlankNode && q.Object is not BlankNode && q.Graph is not BlankNode).ToHashSet(),
                back.Where(q => q.Subject is not BlankNode && q.Object is not BlankNode && q.Graph is not BlankNode).ToHashSet());
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void A_missing_file_is_reported_before_anything_is_read()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Combine("store"));
        try
        {
            string good = WriteFile(folder, "good.nt", "<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n");
            var e = Assert.Throws<TripleStoreException>(() => store.Import([good, folder.Combine("missing.nt")]));
            Assert.Equal(ErrorCodes.FileNotFound, e.ErrorCode);
            Assert.Equal(0, store.Count());
        }
        finally
        {
            store.Dispose();
        }
    }
}
