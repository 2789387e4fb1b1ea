using TripleStore.Dataset;
using TripleStore.Formats;
using TripleStore.Rdf;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.W3C;

/// <summary>
/// The W3C N-Triples, N-Quads and Turtle suites run through the bulk import, which parses these formats with
/// its own byte parsers: every good file imports to what the full reader reads from it, and every bad one is
/// refused with the full reader's error, leaving the store unchanged.
/// </summary>
public class BulkImportSuiteTests
{
    [Theory]
    [InlineData("rdf/rdf11/rdf-n-triples/manifest.ttl")]
    [InlineData("rdf/rdf11/rdf-n-quads/manifest.ttl")]
    [InlineData("rdf/rdf11/rdf-turtle/manifest.ttl")]
    public void The_bulk_import_passes_the_suite(string manifest)
    {
        using var folder = new TempFolder();
        using var bulk = RdfStore.Open(folder.Combine("bulk"));
        using var full = RdfStore.Open(folder.Combine("full"));
        int good = 0, bad = 0;
        foreach (var test in RdfSuites.Tests(manifest))
        {
            if (test.ActionPath is not { } path) continue;
            var format = RdfTestRunner.ActionFormat(test);
            var options = new ImportOptions { Format = format };
            if (RdfTestRunner.IsNegative(test))
            {
                var expected = Assert.Throws<RdfSyntaxException>(() =>
                {
                    using var reader = RdfParser.OpenFile(path, format);
                    while (reader.TryRead(out _)) { }
                });
                long before = bulk.Count();
                var actual = Record.Exception(() => bulk.Import([path], options)) as RdfSyntaxException;
                Assert.True(actual is not null, $"{test}: the bulk import did not refuse the file with a syntax error");
                Assert.True(expected.Position == actual.Position && expected.Message == actual.Message,
                    $"{test}: expected {expected.Position} {expected.Message}, got {actual.Position} {actual.Message}");
                Assert.Equal(before, bulk.Count());
                bad++;
            }
            else if (RdfTestRunner.IsEval(test) || RdfTestRunner.IsPositiveSyntax(test))
            {
                bulk.Import([path], options);
                full.Import([RdfParser.OpenFile(path, format)]);
                Assert.True(Contents(full).SequenceEqual(Contents(bulk)), $"{test}: the bulk import differs from the full reader");
                Assert.Equal(full.Count(), bulk.Count());
                good++;
            }
        }
        Assert.True(good > 10 && bad > 10, $"{good} good and {bad} bad files");
    }

    private static List<string> Contents(RdfStore store)
    {
        using var snapshot = store.OpenSnapshot();
        // Blank nodes get fresh ids in every import: compare them by position only.
        return snapshot.Match(null, null, null, GraphSelector.All)
            .Select(q => string.Join(" ", new[] { q.Subject, q.Predicate, q.Object, q.Graph }.Select(t => t is BlankNode ? "_" : t?.ToString() ?? "default")))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
