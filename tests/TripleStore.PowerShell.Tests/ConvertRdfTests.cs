using System.Management.Automation;

namespace TripleStore.PowerShell.Tests;

[Collection(ModuleCollection.Name)]
public sealed class ConvertRdfTests(ModuleFixture module)
{
    [Fact]
    public void Converts_Turtle_to_NTriples_and_describes_what_it_did()
    {
        using var folder = new TempFolder();
        var source = folder.Write("book.ttl", RdfSamples.ValidTurtle);
        var destination = folder.File("book.nt");

        var run = module.Run($"Convert-Rdf -Path '{source}' -Destination '{destination}'");

        Assert.Empty(run.Errors);
        var result = run.Single();
        Assert.Equal("TripleStore.Operations.RdfConversionResult", result.TypeNames[0]);
        Assert.Equal(source, result.Properties["Source"].Value);
        Assert.Equal(destination, result.Properties["Destination"].Value);
        Assert.Equal("Turtle", result.Properties["SourceFormat"].Value.ToString());
        Assert.Equal("NTriples", result.Properties["DestinationFormat"].Value.ToString());
        Assert.Equal((long)RdfSamples.ValidTurtleStatements, result.Properties["StatementCount"].Value);
        Assert.IsType<TimeSpan>(result.Properties["Elapsed"].Value);
        var lines = File.ReadAllLines(destination);
        Assert.Equal(RdfSamples.ValidTurtleStatements, lines.Length);
        Assert.Contains("<http://example.org/book> <http://example.org/title> \"Dune\" .", lines);
    }

    [Fact]
    public void The_base_IRI_defaults_to_the_source_file_URI()
    {
        using var folder = new TempFolder();
        var source = folder.Write("book.ttl", RdfSamples.ValidTurtle);
        var destination = folder.File("book.nt");

        module.Run($"Convert-Rdf '{source}' '{destination}'");

        var expected = new Uri(new Uri(source), "chapter-1").AbsoluteUri;
        Assert.Contains($"<{expected}>", File.ReadAllText(destination));
    }

    [Fact]
    public void BaseUri_sets_the_base_for_relative_IRIs()
    {
        using var folder = new TempFolder();
        var source = folder.Write("book.ttl", RdfSamples.ValidTurtle);
        var destination = folder.File("book.nt");

        module.Run($"Convert-Rdf '{source}' '{destination}' -BaseUri 'http://books.example/shelf/'");

        Assert.Contains("<http://books.example/shelf/chapter-1>", File.ReadAllText(destination));
    }

    [Fact]
    public void The_converted_file_checks_as_valid_with_the_same_statement_count()
    {
        using var folder = new TempFolder();
        var source = folder.Write("book.ttl", RdfSamples.ValidTurtle);

        var run = module.Run($"Convert-Rdf '{source}' '{folder.File("out.nq")}' | Out-Null; Test-Rdf '{folder.File("out.nq")}'");

        var check = run.Single();
        Assert.Equal(true, check.Properties["Valid"].Value);
        Assert.Equal("NQuads", check.Properties["Format"].Value.ToString());
        Assert.Equal((long)RdfSamples.ValidTurtleStatements, check.Properties["StatementCount"].Value);
    }

    [Fact]
    public void Piped_files_convert_into_a_folder_with_the_destination_format_extension()
    {
        using var folder = new TempFolder();
        folder.Write("in/a.ttl", RdfSamples.ValidTurtle);
        folder.Write("in/b.ttl", RdfSamples.ValidTurtle);
        Directory.CreateDirectory(folder.File("converted"));

        var run = module.Run($"Get-ChildItem '{folder.File("in")}' -Filter *.ttl | Convert-Rdf -Destination '{folder.File("converted")}' -DestinationFormat NTriples");

        Assert.Empty(run.Errors);
        Assert.Equal(2, run.Output.Count);
        Assert.True(File.Exists(folder.File("converted/a.nt")));
        Assert.True(File.Exists(folder.File("converted/b.nt")));
    }

    [Fact]
    public void A_folder_destination_without_a_format_is_an_error_naming_the_fix()
    {
        using var folder = new TempFolder();
        var source = folder.Write("a.ttl", RdfSamples.ValidTurtle);

        var run = module.Run($"Convert-Rdf '{source}' '{folder.Path}'");

        var error = Assert.Single(run.Errors);
        Assert.StartsWith("RdfFormatUnknown,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-DestinationFormat", error.Exception.Message);
    }

    [Fact]
    public void WhatIf_writes_nothing_and_outputs_nothing()
    {
        using var folder = new TempFolder();
        var source = folder.Write("a.ttl", RdfSamples.ValidTurtle);
        var destination = folder.File("a.nt");

        var run = module.Run($"Convert-Rdf '{source}' '{destination}' -WhatIf");

        Assert.Empty(run.Errors);
        Assert.Empty(run.Output);
        Assert.False(File.Exists(destination));
    }

    [Fact]
    public void A_parse_error_is_a_ParserError_record_with_file_line_and_column_and_leaves_no_destination()
    {
        using var folder = new TempFolder();
        var source = folder.Write("bad.nt", RdfSamples.NTriplesWithErrorAtLine2Column27);
        var destination = folder.File("bad.nq");

        var run = module.Run($"Convert-Rdf '{source}' '{destination}'");

        Assert.Empty(run.Output);
        var error = Assert.Single(run.Errors);
        Assert.Equal("RdfSyntaxError,TripleStore.PowerShell.Commands.ConvertRdfCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ParserError, error.CategoryInfo.Category);
        Assert.StartsWith($"{source}:2:27: ", error.Exception.Message);
        Assert.Equal(source, error.TargetObject);
        Assert.False(File.Exists(destination));
        Assert.Equal(new[] { source }, Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_parse_error_leaves_an_existing_destination_untouched()
    {
        using var folder = new TempFolder();
        var source = folder.Write("bad.nt", RdfSamples.NTriplesWithErrorAtLine2Column27);
        var destination = folder.Write("keep.nt", "<http://e/s> <http://e/p> <http://e/o> .\n");

        module.Run($"Convert-Rdf '{source}' '{destination}'");

        Assert.Equal("<http://e/s> <http://e/p> <http://e/o> .\n", File.ReadAllText(destination));
    }

    [Fact]
    public void A_missing_source_is_ObjectNotFound_with_the_engine_error_code()
    {
        using var folder = new TempFolder();

        var run = module.Run($"Convert-Rdf '{folder.File("nope.ttl")}' '{folder.File("nope.nt")}'");

        var error = Assert.Single(run.Errors);
        Assert.Equal("FileNotFound,TripleStore.PowerShell.Commands.ConvertRdfCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void ErrorAction_Stop_turns_a_parse_error_into_a_catchable_exception()
    {
        using var folder = new TempFolder();
        var source = folder.Write("bad.nt", RdfSamples.NTriplesWithErrorAtLine2Column27);

        var run = module.Run($"try {{ Convert-Rdf '{source}' '{folder.File("x.nt")}' -ErrorAction Stop; 'not reached' }} catch {{ 'caught ' + $_.FullyQualifiedErrorId }}");

        Assert.Equal("caught RdfSyntaxError,TripleStore.PowerShell.Commands.ConvertRdfCommand", run.Single().ToString());
    }
}
