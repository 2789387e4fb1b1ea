using System.Collections;
using System.Management.Automation;

namespace TripleStore.PowerShell.Tests;

[Collection(ModuleCollection.Name)]
public sealed class TestRdfTests(ModuleFixture module)
{
    [Fact]
    public void A_valid_file_gives_one_valid_result_with_its_statement_count()
    {
        using var folder = new TempFolder();
        var file = folder.Write("book.ttl", RdfSamples.ValidTurtle);

        var run = module.Run("Test-Rdf -Path $args[0]", file);

        Assert.Empty(run.Errors);
        var result = run.Single();
        Assert.Equal("TripleStore.Operations.RdfValidationResult", result.TypeNames[0]);
        Assert.Equal(file, result.Properties["Path"].Value);
        Assert.Equal("Turtle", result.Properties["Format"].Value.ToString());
        Assert.Equal(true, result.Properties["Valid"].Value);
        Assert.Equal((long)RdfSamples.ValidTurtleStatements, result.Properties["StatementCount"].Value);
        Assert.Empty((IEnumerable)result.Properties["Errors"].Value);
    }

    [Fact]
    public void An_invalid_file_is_reported_in_the_result_with_every_error_and_its_position()
    {
        using var folder = new TempFolder();
        var file = folder.Write("broken.nt", RdfSamples.NTriplesWithThreeErrors);

        var run = module.Run("Test-Rdf $args[0]", file);

        Assert.Empty(run.Errors);
        var result = run.Single();
        Assert.Equal(false, result.Properties["Valid"].Value);
        Assert.Equal(3, result.Properties["ErrorCount"].Value);
        Assert.Equal(2L, result.Properties["StatementCount"].Value);
        var lines = ((IEnumerable)result.Properties["Errors"].Value).Cast<object>()
            .Select(e => (long)PSObject.AsPSObject(e).Properties["Line"].Value).ToArray();
        Assert.Equal(new long[] { 2, 3, 5 }, lines);
    }

    [Fact]
    public void The_verdict_works_in_an_if_statement()
    {
        using var folder = new TempFolder();
        var bad = folder.Write("bad.nt", RdfSamples.NTriplesWithErrorAtLine2Column27);
        var good = folder.Write("good.ttl", RdfSamples.ValidTurtle);

        var run = module.Run("""
            param($paths)
            foreach ($f in $paths) { if (-not (Test-Rdf $f).Valid) { "invalid: $([IO.Path]::GetFileName($f))" } else { "valid: $([IO.Path]::GetFileName($f))" } }
            """, new[] { bad, good });

        Assert.Equal(new[] { "invalid: bad.nt", "valid: good.ttl" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void MaxErrors_caps_the_list_but_not_the_count()
    {
        using var folder = new TempFolder();
        var file = folder.Write("broken.nt", RdfSamples.NTriplesWithThreeErrors);

        var result = module.Run("Test-Rdf $args[0] -MaxErrors 1", file).Single();

        Assert.Equal(3, result.Properties["ErrorCount"].Value);
        Assert.Single((IEnumerable)result.Properties["Errors"].Value);
        Assert.Equal(true, result.Properties["ErrorsTruncated"].Value);
    }

    [Fact]
    public void Files_from_Get_ChildItem_are_checked_one_result_each()
    {
        using var folder = new TempFolder();
        folder.Write("one.ttl", RdfSamples.ValidTurtle);
        folder.Write("two.ttl", RdfSamples.ValidTurtle);
        folder.Write("three.nt", RdfSamples.NTriplesWithErrorAtLine2Column27);

        var run = module.Run("Get-ChildItem -Path $args[0] -Filter *.ttl | Test-Rdf | ForEach-Object { [IO.Path]::GetFileName($_.Path) }", folder.Path);

        Assert.Empty(run.Errors);
        Assert.Equal(new[] { "one.ttl", "two.ttl" }, run.Output.Select(o => o.ToString()).Order());
    }

    [Fact]
    public void Objects_with_a_FullName_property_bind_by_property_name()
    {
        using var folder = new TempFolder();
        var file = folder.Write("one.ttl", RdfSamples.ValidTurtle);

        var run = module.Run("[pscustomobject]@{ FullName = $args[0] } | Test-Rdf", file);

        Assert.Equal(file, run.Single().Properties["Path"].Value);
    }

    [Fact]
    public void Wildcards_in_Path_expand_to_the_matching_files()
    {
        using var folder = new TempFolder();
        folder.Write("a.ttl", RdfSamples.ValidTurtle);
        folder.Write("b.ttl", RdfSamples.ValidTurtle);

        var run = module.Run("Test-Rdf -Path (Join-Path $args[0] '*.ttl')", folder.Path);

        Assert.Equal(2, run.Output.Count);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_PowerShell_location()
    {
        using var folder = new TempFolder();
        folder.Write("here.ttl", RdfSamples.ValidTurtle);

        var run = module.Run("Test-Rdf ./here.ttl", location: folder.Path);

        Assert.Equal(Path.Combine(folder.Path, "here.ttl"), run.Single().Properties["Path"].Value);
    }

    [Fact]
    public void A_missing_file_is_an_ObjectNotFound_error_with_the_engine_error_code()
    {
        using var folder = new TempFolder();
        var missing = folder.File("missing.ttl");

        var run = module.Run("Test-Rdf $args[0]", missing);

        Assert.Empty(run.Output);
        var error = Assert.Single(run.Errors);
        Assert.Equal("FileNotFound,TripleStore.PowerShell.Commands.TestRdfCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains(missing, error.Exception.Message);
    }

    [Fact]
    public void A_missing_file_does_not_stop_the_other_files()
    {
        using var folder = new TempFolder();
        var good = folder.Write("good.ttl", RdfSamples.ValidTurtle);

        var run = module.Run("Test-Rdf $args[0]", new[] { folder.File("missing.ttl"), good });

        Assert.Single(run.Errors);
        Assert.Equal(good, run.Single().Properties["Path"].Value);
    }

    [Fact]
    public void An_unknown_format_name_is_a_terminating_InvalidArgument_error()
    {
        using var folder = new TempFolder();
        var file = folder.Write("x.ttl", RdfSamples.ValidTurtle);

        var run = module.Run("try { Test-Rdf $args[0] -Format Klingon } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category.ToString() }", file);

        Assert.Equal(new[] { "RdfFormatUnknown,TripleStore.PowerShell.Commands.TestRdfCommand", "InvalidArgument" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Format_accepts_an_extension_and_overrides_the_file_name()
    {
        using var folder = new TempFolder();
        var file = folder.Write("data.txt", RdfSamples.ValidTurtle);

        var result = module.Run("Test-Rdf $args[0] -Format ttl", file).Single();

        Assert.Equal(true, result.Properties["Valid"].Value);
        Assert.Equal((long)RdfSamples.ValidTurtleStatements, result.Properties["StatementCount"].Value);
    }
}
