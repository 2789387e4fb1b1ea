using System.Management.Automation;

namespace TripleStore.PowerShell.Tests;

/// <summary>
/// The generated help (MAML from docs/help/*.md, built into en-US/) is complete for every exported cmdlet,
/// tells the truth about each parameter, and its examples run.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class HelpTests(ModuleFixture module)
{
    [Fact]
    public void The_module_folder_holds_the_generated_help_files()
    {
        var maml = Path.Combine(module.ModuleFolder, "en-US", "TripleStore.PowerShell.dll-Help.xml");
        Assert.True(File.Exists(maml), maml);
        var xml = System.Xml.Linq.XDocument.Load(maml);
        XNamespaceCheck(xml);
        Assert.True(File.Exists(Path.Combine(module.ModuleFolder, "en-US", "about_TripleStore.help.txt")));
    }

    private static void XNamespaceCheck(System.Xml.Linq.XDocument xml)
    {
        System.Xml.Linq.XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        Assert.Equal("helpItems", xml.Root!.Name.LocalName);
        Assert.NotEmpty(xml.Root.Elements(command + "command"));
    }

    [Fact]
    public void Every_exported_cmdlet_has_a_synopsis_description_examples_inputs_outputs_and_parameter_help()
    {
        var run = module.Run("""
            $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
            $commands = @(Get-Command -Module TripleStore -CommandType Cmdlet)
            if ($commands.Count -eq 0) { 'no cmdlets exported' }
            foreach ($c in $commands) {
                $n = $c.Name
                $h = Get-Help $n -Full
                if (-not (($h.description | ForEach-Object { $_.Text }) -join '').Trim()) { "${n}: no description" }
                if (-not $h.Synopsis -or $h.Synopsis.Trim().StartsWith($n)) { "${n}: no synopsis" }
                $examples = @($h.examples.example | Where-Object { $_.code -and $_.code.Trim() })
                if ($examples.Count -lt 2) { "${n}: $($examples.Count) example(s) with code, at least 2 needed" }
                $inputs = @($h.inputTypes.inputType | ForEach-Object { $_.type.name } | Where-Object { $_ })
                if ($inputs.Count -eq 0) { "${n}: no INPUTS" }
                $outputs = @($h.returnValues.returnValue | ForEach-Object { $_.type.name } | Where-Object { $_ })
                if ($outputs.Count -eq 0) { "${n}: no OUTPUTS" }
                $helpParameters = @{}
                foreach ($p in @($h.parameters.parameter)) { if ($p) { $helpParameters[$p.name] = $p } }
                foreach ($p in $c.Parameters.Values) {
                    if ($common -contains $p.Name) { continue }
                    $hp = $helpParameters[$p.Name]
                    if (-not $hp) { "${n}: -$($p.Name) has no help"; continue }
                    $text = ($hp.description | ForEach-Object { $_.Text }) -join ''
                    if (-not $text.Trim()) { "${n}: -$($p.Name) has no description" }
                    $attributes = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
                    $byValue = @($attributes | Where-Object { $_.ValueFromPipeline }).Count -gt 0
                    $byName = @($attributes | Where-Object { $_.ValueFromPipelineByPropertyName }).Count -gt 0
                    if ($byValue -and $hp.pipelineInput -notmatch 'ByValue') { "${n}: -$($p.Name) takes pipeline input by value but its help says '$($hp.pipelineInput)'" }
                    if ($byName -and $hp.pipelineInput -notmatch 'ByPropertyName') { "${n}: -$($p.Name) takes pipeline input by property name but its help says '$($hp.pipelineInput)'" }
                    if (-not $byValue -and -not $byName -and $hp.pipelineInput -match 'True') { "${n}: -$($p.Name) takes no pipeline input but its help says '$($hp.pipelineInput)'" }
                    $mandatory = @($attributes | Where-Object { $_.Mandatory }).Count -eq $attributes.Count
                    if ($mandatory -and $hp.required -ne 'true') { "${n}: -$($p.Name) is mandatory but its help says Required: $($hp.required)" }
                    if (@($attributes | Where-Object { $_.Mandatory }).Count -eq 0 -and $hp.required -eq 'true') { "${n}: -$($p.Name) is optional but its help says Required: True" }
                }
                foreach ($name in $helpParameters.Keys) {
                    if (-not $c.Parameters.ContainsKey($name)) { "${n}: help describes -$name, which the cmdlet does not have" }
                }
                $syntax = @($h.syntax.syntaxItem)
                $sets = @($c.ParameterSets).Count
                if ($syntax.Count -ne $sets) { "${n}: SYNTAX has $($syntax.Count) line(s) for $sets parameter set(s)" }
            }
            """);

        Assert.Empty(run.Errors);
        Assert.True(run.Output.Count == 0, "Help problems:\n" + string.Join("\n", run.Output));
    }

    [Fact]
    public void Every_help_page_belongs_to_an_exported_cmdlet_and_every_cmdlet_has_a_page()
    {
        var run = module.Run("(Get-Command -Module TripleStore -CommandType Cmdlet).Name");
        var cmdlets = run.Output.Select(o => o.ToString()).Order(StringComparer.Ordinal).ToArray();
        var pages = HelpPages.CommandPages().Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray();

        Assert.NotEmpty(cmdlets);
        Assert.Equal(cmdlets, pages);
    }

    [Fact]
    public void The_about_topic_gives_the_concepts_a_runbook_and_a_Pester_example()
    {
        var run = module.Run("Get-Help about_TripleStore | Out-String");

        Assert.Empty(run.Errors);
        var text = run.Single().ToString();
        Assert.Contains("about_TripleStore", text);
        Assert.Contains("SHORT DESCRIPTION", text);
        Assert.Contains("current store", text);
        Assert.Contains("A runbook", text);
        Assert.Contains("Should -Be", text);
        Assert.DoesNotContain("```", text);
    }

    [Fact]
    public void Get_Help_shows_an_example_and_a_parameter_from_the_markdown()
    {
        var run = module.Run("""
            (Get-Help Import-Rdf -Examples).examples.example[0].title
            (Get-Help Import-Rdf -Parameter Path).aliases
            """);

        Assert.Empty(run.Errors);
        Assert.Contains("Example 1", run.Output[0].ToString());
        Assert.Contains("FullName", run.Output[1].ToString());
    }

    public static TheoryData<string, string> RunnableExamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var example in HelpPages.Examples().Where(e => e.NotRunReason is null)) data.Add(example.Page, example.Title);
        return data;
    }

    [Theory]
    [MemberData(nameof(RunnableExamples))]
    public void The_help_example_runs(string page, string title)
    {
        var example = HelpPages.Examples().Single(e => e.Page == page && e.Title == title);
        Assert.False(string.IsNullOrWhiteSpace(example.Code), $"{page} {title} has no code.");
        using var environment = new ExampleEnvironment(module);

        var run = environment.Run(example.Code);

        Assert.True(run.Errors.Count == 0,
            $"{page} {title} wrote errors:\n{string.Join("\n", run.Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}"))}\n--- code ---\n{example.Code}");
    }

    [Fact]
    public void Most_examples_run_and_every_cmdlet_has_one_that_does()
    {
        var examples = HelpPages.Examples().ToList();
        var notRun = examples.Where(e => e.NotRunReason is not null).ToList();

        Assert.All(notRun, e => Assert.False(string.IsNullOrWhiteSpace(e.NotRunReason), $"{e.Page} {e.Title}: say why it does not run"));
        Assert.True(notRun.Count * 5 <= examples.Count, $"{notRun.Count} of {examples.Count} examples do not run; at most a fifth may.");
        var pagesWithoutRunnable = HelpPages.CommandPages().Select(Path.GetFileNameWithoutExtension)
            .Where(p => !examples.Any(e => e.Page == p && e.NotRunReason is null)).ToList();
        Assert.Empty(pagesWithoutRunnable);
    }

    [Fact]
    public void Example_code_drops_prompts_and_sample_output()
    {
        var code = HelpPages.Code("""
            ```powershell
            PS> Get-TripleStore |
            >>   Get-TripleStoreStatistics

            Quads : 49
            PS> 'done'
            ```
            """);

        Assert.Equal("Get-TripleStore |\n  Get-TripleStoreStatistics\n'done'", code);
    }
}

/// <summary>
/// The folder the help examples run in, as a user's working folder would be: the current location, with
/// ./data/sample.ttl (the library sample) and ./data/more.ttl, ./library.ttl (the sample again), ./broken.nt
/// (three syntax errors), ./queries/titles.rq, and a store in
/// ./.store/library holding the sample, open and current. Confirmation prompts are off (as in an
/// unattended script) and errors stop the example.
/// </summary>
public sealed class ExampleEnvironment : IDisposable
{
    private readonly ModuleFixture _module;
    private readonly TempFolder _folder = new();

    public ExampleEnvironment(ModuleFixture module)
    {
        _module = module;
        var sample = File.ReadAllText(System.IO.Path.Combine(module.RepositoryRoot, "examples", "data", "sample.ttl"));
        _folder.Write("data/sample.ttl", sample);
        _folder.Write("data/more.ttl", """
            @prefix ex: <http://example.org/library/> .
            @prefix dcterms: <http://purl.org/dc/terms/> .
            ex:the-art-of-computer-programming a ex:Book ;
                dcterms:title "The Art of Computer Programming"@en ;
                dcterms:issued "1968"^^<http://www.w3.org/2001/XMLSchema#gYear> .
            """);
        _folder.Write("library.ttl", sample);
        _folder.Write("broken.nt", RdfSamples.NTriplesWithThreeErrors);
        _folder.Write("queries/titles.rq", """
            PREFIX dcterms: <http://purl.org/dc/terms/>
            SELECT ?book ?title WHERE { ?book dcterms:title ?title } ORDER BY ?title
            """);
    }

    public string Path => _folder.Path;

    public PipelineRun Run(string code)
    {
        var setup = """
            $ErrorActionPreference = 'Stop'
            $ConfirmPreference = 'None'
            $ProgressPreference = 'SilentlyContinue'
            Open-TripleStore ./.store/library | Out-Null
            Import-Rdf ./data/sample.ttl | Out-Null

            """;
        try
        {
            return _module.Run(setup + code, location: _folder.Path);
        }
        catch (RuntimeException ex)
        {
            return new PipelineRun(Array.Empty<PSObject>(), new[] { ex.ErrorRecord }, Array.Empty<string>(), Array.Empty<ProgressRecord>());
        }
    }

    public void Dispose() => _folder.Dispose();
}
