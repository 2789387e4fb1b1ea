namespace TripleStore.PowerShell.Tests;

/// <summary>Argument completion as a user's Tab gets it: TabExpansion2 in a session that imported the module.</summary>
[Collection(ModuleCollection.Name)]
public sealed class CompletionTests(ModuleFixture module)
{
    /// <summary>The completion texts TabExpansion2 offers with the cursor at the end of <paramref name="input"/>.</summary>
    private IReadOnlyList<string> Complete(string input, string? setup = null, string? location = null)
    {
        var run = module.Run((setup ?? "") + """

            $line = $args[0]
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText }
            """, input, location);
        Assert.Empty(run.Errors);
        return run.Output.Select(o => o.ToString()).ToList();
    }

    [Fact]
    public void Format_completes_with_the_supported_syntaxes()
    {
        var matches = Complete("Import-Rdf ./x.ttl -Format T");

        Assert.Equal(new[] { "TriG", "Turtle" }, matches.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Graph_completes_with_the_named_graphs_of_the_store_in_use()
    {
        using var folder = new TempFolder();
        var data = folder.Write("book.ttl", RdfSamples.ValidTurtle);

        var matches = Complete("Export-Rdf -Graph 'http://example.org/g",
            $"Open-TripleStore '{folder.File("store")}' | Out-Null; Import-Rdf '{data}' -Graph http://example.org/graphs/books | Out-Null");

        Assert.Equal(new[] { "'http://example.org/graphs/books'" }, matches);
    }

    [Fact]
    public void Preset_completes_with_the_store_presets()
    {
        var matches = Complete("Use-Preset -Preset Production",
            "function Use-Preset { param([ArgumentCompleter([TripleStore.PowerShell.Commands.PresetCompleter])] [string]$Preset) }");
        var all = Complete("Use-Preset -Preset ",
            "function Use-Preset { param([ArgumentCompleter([TripleStore.PowerShell.Commands.PresetCompleter])] [string]$Preset) }");

        Assert.Equal(new[] { "ProductionLargeMemory", "ProductionLowMemory" }, matches.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "BulkLoad", "Development", "ProductionLargeMemory", "ProductionLowMemory", "QueryHeavy" }, all.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Profile_completes_with_the_reasoning_profiles()
    {
        const string setup = "function Use-Profile { param([ArgumentCompleter([TripleStore.PowerShell.Commands.ReasoningProfileCompleter])] [string]$Profile) }";

        Assert.Equal(new[] { "OWL2RL", "RDFS" }, Complete("Use-Profile -Profile ", setup).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "OWL2RL" }, Complete("Use-Profile -Profile o", setup));
    }

    [Fact]
    public void A_query_that_uses_undeclared_prefixes_completes_with_their_declarations()
    {
        var matches = Complete("Invoke-Sparql 'SELECT ?t { ?b dcterms:title ?t ; a schema:Book }'");

        var completed = Assert.Single(matches);
        Assert.Equal("'PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX schema: <http://schema.org/> SELECT ?t { ?b dcterms:title ?t ; a schema:Book }'", completed);
    }

    [Fact]
    public void An_empty_query_completes_with_prefixes_of_the_store_and_of_common_vocabularies()
    {
        using var folder = new TempFolder();
        var sample = Path.Combine(module.RepositoryRoot, "examples", "data", "sample.ttl");

        var matches = Complete("Invoke-Sparql 'PREFIX ",
            $"Open-TripleStore '{folder.File("store")}' | Out-Null; Import-Rdf '{sample}' | Out-Null");
        var foaf = Complete("Invoke-Sparql 'PREFIX fo");

        // PowerShell closes the quote of a completed string; the namespaces seen in the store come first.
        Assert.Equal("'PREFIX library: <http://example.org/library/> '", matches[0]);
        Assert.Contains("'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> '", matches);
        Assert.Equal(new[] { "'PREFIX foaf: <http://xmlns.com/foaf/0.1/> '" }, foaf);
    }

    [Fact]
    public void A_query_whose_prefixes_are_all_declared_offers_nothing()
    {
        var matches = Complete("Invoke-Sparql 'PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?t { ?b dcterms:title ?t }'");

        Assert.Empty(matches);
    }
}
