using System.Management.Automation;

namespace TripleStore.PowerShell.Tests;

[Collection(ModuleCollection.Name)]
public sealed class StoreCmdletTests(ModuleFixture module)
{
    [Fact]
    public void Open_creates_a_store_in_the_folder_and_makes_it_current()
    {
        using var folder = new TempFolder();
        var path = folder.File("store");

        var run = module.Run($"$s = Open-TripleStore '{path}'; $s.Path; (Get-TripleStore -Current).Path; $s.IsReadOnly");

        Assert.Empty(run.Errors);
        Assert.Equal(new[] { path, path, "False" }, run.Output.Select(o => o.ToString()));
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public void Several_stores_are_open_at_once_and_closing_the_current_one_falls_back_to_the_previous()
    {
        using var folder = new TempFolder();
        var first = folder.File("first");
        var second = folder.File("second");

        var run = module.Run($"""
            Open-TripleStore '{first}' | Out-Null
            Open-TripleStore '{second}' | Out-Null
            @(Get-TripleStore).Count
            (Get-TripleStore -Current).Path
            Close-TripleStore
            (Get-TripleStore -Current).Path
            Close-TripleStore -All
            @(Get-TripleStore).Count
            """);

        Assert.Empty(run.Errors);
        Assert.Equal(new[] { "2", second, first, "0" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Import_then_statistics_then_export_round_trips_the_statements()
    {
        using var folder = new TempFolder();
        var data = folder.Write("book.ttl", RdfSamples.ValidTurtle);
        var exported = folder.File("book.nt");

        var run = module.Run($"""
            Open-TripleStore '{folder.File("store")}' | Out-Null
            $summary = Import-Rdf '{data}'
            $summary.TriplesAdded
            (Get-TripleStoreStatistics).Quads
            (Export-Rdf -Path '{exported}').StatementCount
            (Test-Rdf '{exported}').StatementCount
            """);

        Assert.Empty(run.Errors);
        var n = RdfSamples.ValidTurtleStatements.ToString();
        Assert.Equal(new[] { n, n, n, n }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Export_without_a_path_writes_the_statements_to_the_pipeline_as_lines()
    {
        using var folder = new TempFolder();
        var data = folder.Write("book.ttl", RdfSamples.ValidTurtle);

        var run = module.Run($"Open-TripleStore '{folder.File("store")}' | Out-Null; Import-Rdf '{data}' | Out-Null; Export-Rdf");

        Assert.Empty(run.Errors);
        Assert.Equal(RdfSamples.ValidTurtleStatements, run.Output.Count);
        Assert.All(run.Output, line => Assert.EndsWith(" .", line.ToString()));
        Assert.Contains("<http://example.org/book> <http://example.org/title> \"Dune\" .", run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Graph_puts_triples_in_a_named_graph_and_selects_it_on_export()
    {
        using var folder = new TempFolder();
        var data = folder.Write("book.ttl", RdfSamples.ValidTurtle);

        var run = module.Run($"""
            Open-TripleStore '{folder.File("store")}' | Out-Null
            Import-Rdf '{data}' -Graph 'http://example.org/books' | Out-Null
            $stats = Get-TripleStoreStatistics
            $stats.NamedGraphQuads
            $stats.DefaultGraphTriples
            @(Export-Rdf -Graph 'http://example.org/books').Count
            @(Export-Rdf -Graph 'http://example.org/other').Count
            """);

        Assert.Empty(run.Errors);
        var n = RdfSamples.ValidTurtleStatements.ToString();
        Assert.Equal(new[] { n, "0", n, "0" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Piped_files_are_imported_in_one_call_with_one_summary()
    {
        using var folder = new TempFolder();
        folder.Write("in/a.ttl", RdfSamples.ValidTurtle);
        folder.Write("in/b.ttl", RdfSamples.ValidTurtle);

        var run = module.Run($"Open-TripleStore '{folder.File("store")}' | Out-Null; Get-ChildItem '{folder.File("in")}' -Filter *.ttl | Import-Rdf");

        Assert.Empty(run.Errors);
        var summary = run.Single();
        Assert.Equal("TripleStore.ImportSummary", summary.TypeNames[0]);
        Assert.Equal(2, summary.Properties["Files"].Value);
        Assert.Equal(2L * RdfSamples.ValidTurtleStatements, summary.Properties["TriplesRead"].Value);
        Assert.Equal((long)RdfSamples.ValidTurtleStatements, summary.Properties["TriplesAdded"].Value);
        Assert.Equal((long)RdfSamples.ValidTurtleStatements, summary.Properties["Duplicates"].Value);
    }

    [Fact]
    public void Import_reports_progress_and_completes_it()
    {
        using var folder = new TempFolder();
        var data = folder.Write("book.ttl", RdfSamples.ValidTurtle);

        var run = module.Run($"Open-TripleStore '{folder.File("store")}' | Out-Null; Import-Rdf '{data}'");

        Assert.NotEmpty(run.Progress);
        Assert.All(run.Progress, p => Assert.Equal("Import-Rdf", p.Activity));
        Assert.Contains("MB", run.Progress[0].StatusDescription);
        Assert.Equal(ProgressRecordType.Completed, run.Progress[^1].RecordType);
    }

    [Fact]
    public void A_parse_error_is_a_ParserError_record_and_leaves_the_store_unchanged()
    {
        using var folder = new TempFolder();
        var good = folder.Write("good.ttl", RdfSamples.ValidTurtle);
        var more = folder.Write("more.nt", "<http://e/x> <http://e/y> <http://e/z> .\n");
        var bad = folder.Write("bad.nt", RdfSamples.NTriplesWithErrorAtLine2Column27);

        var run = module.Run($"""
            Open-TripleStore '{folder.File("store")}' | Out-Null
            Import-Rdf '{good}' | Out-Null
            Import-Rdf '{more}', '{bad}'
            (Get-TripleStoreStatistics).Quads
            """);

        var error = Assert.Single(run.Errors);
        Assert.Equal("RdfSyntaxError,TripleStore.PowerShell.Commands.ImportRdfCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ParserError, error.CategoryInfo.Category);
        Assert.StartsWith($"{bad}:2:27: ", error.Exception.Message);
        Assert.Equal(RdfSamples.ValidTurtleStatements.ToString(), run.Single().ToString());
    }

    [Fact]
    public void A_missing_file_is_ObjectNotFound_and_nothing_of_the_call_is_imported()
    {
        using var folder = new TempFolder();
        var good = folder.Write("good.ttl", RdfSamples.ValidTurtle);

        var run = module.Run($"Open-TripleStore '{folder.File("store")}' | Out-Null; Import-Rdf '{good}', '{folder.File("missing.ttl")}'; (Get-TripleStoreStatistics).Quads");

        var error = Assert.Single(run.Errors);
        Assert.Equal("FileNotFound,TripleStore.PowerShell.Commands.ImportRdfCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("0", run.Single().ToString());
    }

    [Fact]
    public void A_read_only_store_refuses_imports()
    {
        using var folder = new TempFolder();
        var good = folder.Write("good.ttl", RdfSamples.ValidTurtle);
        var store = folder.File("store");

        var run = module.Run($"Open-TripleStore '{store}' | Out-Null; Close-TripleStore; Open-TripleStore '{store}' -ReadOnly | Out-Null; Import-Rdf '{good}'");

        var error = Assert.Single(run.Errors);
        Assert.StartsWith("StoreReadOnly,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
    }

    [Fact]
    public void Store_cmdlets_without_an_open_store_say_how_to_open_one()
    {
        var run = module.Run("try { Get-TripleStoreStatistics } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category.ToString(); $_.Exception.Message }");

        Assert.Equal("StoreClosed,TripleStore.PowerShell.Commands.GetTripleStoreStatisticsCommand", run.Output[0].ToString());
        Assert.Equal("InvalidOperation", run.Output[1].ToString());
        Assert.Contains("Open-TripleStore", run.Output[2].ToString());
    }

    [Fact]
    public void A_closed_store_object_is_refused()
    {
        using var folder = new TempFolder();

        var run = module.Run($"$s = Open-TripleStore '{folder.File("store")}'; Close-TripleStore -Store $s; try {{ Export-Rdf -Store $s }} catch {{ $_.FullyQualifiedErrorId }}");

        Assert.Equal("StoreClosed,TripleStore.PowerShell.Commands.ExportRdfCommand", run.Single().ToString());
    }

    [Fact]
    public void WhatIf_imports_nothing_and_exports_nothing()
    {
        using var folder = new TempFolder();
        var good = folder.Write("good.ttl", RdfSamples.ValidTurtle);
        var exported = folder.File("out.nt");

        var run = module.Run($"Open-TripleStore '{folder.File("store")}' | Out-Null; Import-Rdf '{good}' -WhatIf; Export-Rdf '{exported}' -WhatIf; (Get-TripleStoreStatistics).Quads");

        Assert.Empty(run.Errors);
        Assert.Equal("0", run.Single().ToString());
        Assert.False(File.Exists(exported));
    }

    [Fact]
    public void Graph_completes_with_the_named_graphs_of_the_current_store()
    {
        using var folder = new TempFolder();
        var data = folder.Write("book.ttl", RdfSamples.ValidTurtle);

        var run = module.Run($"""
            Open-TripleStore '{folder.File("store")}' | Out-Null
            Import-Rdf '{data}' -Graph 'http://example.org/books' | Out-Null
            Import-Rdf '{data}' -Graph 'http://example.org/bibliography' | Out-Null
            Import-Rdf '{data}' -Graph 'urn:other' | Out-Null
            $line = 'Export-Rdf -Graph http://example.org/b'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Sort-Object
            """);

        Assert.Empty(run.Errors);
        Assert.Equal(new[] { "'http://example.org/bibliography'", "'http://example.org/books'" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Removing_the_module_closes_the_session_stores()
    {
        using var folder = new TempFolder();
        var store = folder.File("store");
        using var runspace = module.OpenRunspace();

        Invoke(runspace, $"Open-TripleStore '{store}' | Out-Null");
        var whileOpen = module.Run($"Open-TripleStore '{store}'");
        Invoke(runspace, "Remove-Module TripleStore");
        var afterRemoval = module.Run($"(Open-TripleStore '{store}').Path");

        Assert.StartsWith("StoreLocked,", Assert.Single(whileOpen.Errors).FullyQualifiedErrorId);
        Assert.Empty(afterRemoval.Errors);
        Assert.Equal(store, afterRemoval.Single().ToString());
    }

    private static void Invoke(System.Management.Automation.Runspaces.Runspace runspace, string script)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script).Invoke();
        Assert.Empty(ps.Streams.Error);
    }
}
