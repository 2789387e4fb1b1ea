using System.Management.Automation;

namespace TripleStore.PowerShell.Tests;

/// <summary>
/// Invoke-Sparql updates, Add-Triple, Remove-Triple, Clear-TripleStore and Invoke-TripleStoreTransaction
/// in hosted runspaces on the packaged module: what they change, that -WhatIf and a declined prompt change
/// nothing, and that a failure anywhere in a call or a transaction block leaves the store as it was.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class UpdateCmdletTests(ModuleFixture module)
{
    private const string Ex = "http://example.org/";

    private const string Csv = """"
        Subject,Predicate,Object,Graph
        http://example.org/alice,http://example.org/name,Alice,
        <http://example.org/alice>,http://example.org/knows,http://example.org/bob,
        http://example.org/bob,http://example.org/age,"""42""^^<http://www.w3.org/2001/XMLSchema#integer>",
        _:n1,http://example.org/label,"""chat""@fr",http://example.org/g
        http://example.org/bob,http://example.org/note,urn:isbn:0451450523,
        http://example.org/bob,http://example.org/quote,Answer: 42,
        """";

    private PipelineRun InStore(TempFolder folder, string script) =>
        module.Run($"""
            Open-TripleStore '{folder.File("store")}' | Out-Null
            {script}
            """, location: folder.Path);

    private static object[] P(PSObject o, params string[] names) => names.Select(n => o.Properties[n].Value).ToArray();

    [Fact]
    public void Invoke_Sparql_runs_an_update_and_reports_what_changed()
    {
        using var folder = new TempFolder();
        var run = InStore(folder, """
            Invoke-Sparql 'INSERT DATA { <http://example.org/a> <http://example.org/p> 1, 2, 3 }'
            Invoke-Sparql 'DELETE WHERE { <http://example.org/a> <http://example.org/p> 1 } ; INSERT DATA { <http://example.org/b> <http://example.org/p> 9 }'
            Invoke-Sparql 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }' | ForEach-Object n
            """);

        Assert.Empty(run.Errors);
        var first = run.Output[0];
        Assert.Equal("TripleStore.PowerShell.SparqlUpdateResult", first.BaseObject.GetType().FullName);
        Assert.Equal(new object[] { 3L, 0L, 1, false, false }, P(first, "Inserted", "Deleted", "Operations", "WhatIf", "InTransaction"));
        var second = run.Output[1];
        Assert.Equal(new object[] { 1L, 1L, 2 }, P(second, "Inserted", "Deleted", "Operations"));
        Assert.True((TimeSpan)second.Properties["Duration"].Value > TimeSpan.Zero);
        Assert.Equal(3L, run.Output[2].BaseObject);
    }

    [Fact]
    public void WhatIf_reports_what_an_update_would_change_and_changes_nothing()
    {
        using var folder = new TempFolder();
        var run = InStore(folder, """
            Invoke-Sparql 'INSERT DATA { <http://example.org/a> <http://example.org/p> 1, 2 }' | Out-Null
            $r = Invoke-Sparql 'DELETE { ?s ?p 1 } INSERT { ?s ?p 10 } WHERE { ?s ?p 1 }' -WhatIf
            $r; $r.InsertedSample | ForEach-Object ToString; $r.DeletedSample | ForEach-Object ToString
            Invoke-Sparql 'SELECT ?o { ?s ?p ?o } ORDER BY ?o' | ForEach-Object o
            """);

        Assert.Empty(run.Errors);
        var preview = run.Output[0];
        Assert.Equal(new object[] { true, 1L, 1L }, P(preview, "WhatIf", "Inserted", "Deleted"));
        Assert.Equal("<http://example.org/a> <http://example.org/p> \"10\"^^<http://www.w3.org/2001/XMLSchema#integer> .", run.Output[1].ToString());
        Assert.Equal("<http://example.org/a> <http://example.org/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .", run.Output[2].ToString());
        Assert.Equal(new object[] { 1L, 2L }, run.Output.Skip(3).Select(o => o.BaseObject));
    }

    [Fact]
    public void Queries_never_prompt_but_updates_confirm_at_medium_impact()
    {
        using var folder = new TempFolder();
        // No host UI here: a cmdlet that wants to prompt fails instead, which is how the prompt shows.
        var run = InStore(folder, """
            $ConfirmPreference = 'Low'
            Invoke-Sparql 'ASK { ?s ?p ?o }'
            $ConfirmPreference = 'Medium'
            try { Invoke-Sparql 'INSERT DATA { <http://example.org/a> <http://example.org/p> 1 }' -ErrorAction Stop; 'ran' } catch { 'prompted' }
            $ConfirmPreference = 'High'
            Invoke-Sparql 'ASK { ?s ?p ?o }'
            (Get-Command Invoke-Sparql).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact.ToString()
            """);

        Assert.Equal(new object[] { false, "prompted", false, "Medium" }, run.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Add_Triple_takes_csv_rows_and_types_each_value_by_the_documented_rules()
    {
        using var folder = new TempFolder();
        var csv = folder.Write("triples.csv", Csv);
        var run = InStore(folder, $$"""
            Import-Csv '{{csv}}' | Add-Triple
            Invoke-Sparql 'SELECT ?s ?p ?o ?g { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } ORDER BY ?p' -AsTerm |
                ForEach-Object { '{0} {1} {2} {3}' -f $_.s, $_.p, $_.o, $_.g }
            """);

        Assert.Empty(run.Errors);
        Assert.Equal(new object[] { "Add", 6L, 6L, 0L, false }, P(run.Output[0], "Operation", "Requested", "Added", "Removed", "InTransaction"));
        Assert.Equal(new[]
        {
            "<http://example.org/bob> <http://example.org/age> \"42\"^^<http://www.w3.org/2001/XMLSchema#integer> ",
            "<http://example.org/alice> <http://example.org/knows> <http://example.org/bob> ",
            "_:n1 <http://example.org/label> \"chat\"@fr <http://example.org/g>",
            "<http://example.org/alice> <http://example.org/name> \"Alice\" ",
            "<http://example.org/bob> <http://example.org/note> <urn:isbn:0451450523> ",
            "<http://example.org/bob> <http://example.org/quote> \"Answer: 42\" ",
        }, run.Output.Skip(1).Select(o => o.ToString()));
    }

    [Fact]
    public void Add_Triple_takes_parameters_and_native_values_as_typed_literals()
    {
        using var folder = new TempFolder();
        var run = InStore(folder, """
            $s = [uri]'http://example.org/s'
            (Add-Triple $s http://example.org/int 42).Added
            (Add-Triple $s http://example.org/bool $true).Added
            (Add-Triple -Subject $s -Predicate http://example.org/when -Object ([datetimeoffset]'2024-05-01T10:00:00+02:00')).Added
            (Add-Triple $s http://example.org/ref ([uri]'http://example.org/o') -Graph http://example.org/g).Added
            (Add-Triple $s http://example.org/int 42).Added
            Invoke-Sparql 'SELECT ?o { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } ORDER BY ?p' -AsTerm | ForEach-Object { $_.o.ToString() }
            """);

        Assert.Empty(run.Errors);
        Assert.Equal(new object[] { 1L, 1L, 1L, 1L, 0L }, run.Output.Take(5).Select(o => o.BaseObject));
        Assert.Equal(new[]
        {
            "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>",
            "\"42\"^^<http://www.w3.org/2001/XMLSchema#integer>",
            "<http://example.org/o>",
            "\"2024-05-01T10:00:00+02:00\"^^<http://www.w3.org/2001/XMLSchema#dateTime>",
        }, run.Output.Skip(5).Select(o => o.ToString()));
    }

    [Fact]
    public void A_bad_row_anywhere_writes_nothing_and_names_the_row()
    {
        using var folder = new TempFolder();
        var run = InStore(folder, """
            $rows = @(
                [pscustomobject]@{ Subject = 'http://example.org/a'; Predicate = 'http://example.org/p'; Object = 'x' }
                [pscustomobject]@{ Subject = 'relative/b'; Predicate = 'http://example.org/p'; Object = 'y' }
            )
            try { $rows | Add-Triple -ErrorAction Stop } catch { $_.FullyQualifiedErrorId.Split(',')[0]; $_.Exception.Message }
            try { [pscustomobject]@{ Subject = 'http://example.org/a'; Predicate = 'http://example.org/p' } | Add-Triple -ErrorAction Stop } catch { $_.Exception.Message }
            try { 'just a string' | Add-Triple -ErrorAction Stop } catch { $_.FullyQualifiedErrorId.Split(',')[0] }
            (Get-TripleStoreStatistics).Quads
            """);

        Assert.Equal("RdfTermInvalid", run.Output[0].BaseObject);
        Assert.Contains("Input object 2", (string)run.Output[1].BaseObject);
        Assert.Contains("Nothing was written", (string)run.Output[1].BaseObject);
        Assert.Contains("has no Object", (string)run.Output[2].BaseObject);
        Assert.Equal("RdfTermInvalid", run.Output[3].BaseObject);
        Assert.Equal(0L, run.Output[4].BaseObject);
    }

    [Fact]
    public void Remove_Triple_takes_construct_output_and_confirms_at_high_impact()
    {
        using var folder = new TempFolder();
        var run = InStore(folder, """
            Invoke-Sparql 'INSERT DATA { <http://example.org/a> <http://example.org/p> 1, 2, 3 . <http://example.org/b> <http://example.org/p> 4 }' | Out-Null
            # The default $ConfirmPreference (High) prompts for Remove-Triple; with no UI the prompt fails.
            try { Remove-Triple http://example.org/b http://example.org/p 4 -ErrorAction Stop; 'ran' } catch { 'prompted' }
            @(Invoke-Sparql 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?o < 3) }' | Remove-Triple -WhatIf).Count
            $r = Invoke-Sparql 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?o < 3) }' | Remove-Triple -Confirm:$false
            $r.Requested; $r.Removed
            Invoke-Sparql 'SELECT ?o { ?s ?p ?o } ORDER BY ?o' | ForEach-Object o
            (Get-Command Remove-Triple).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact.ToString()
            (Get-Command Add-Triple).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact.ToString()
            """);

        Assert.Equal(new object[] { "prompted", 0, 2L, 2L, 3L, 4L, "High", "Medium" }, run.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Add_Triple_WhatIf_changes_nothing()
    {
        using var folder = new TempFolder();
        var run = InStore(folder, """
            1..5 | ForEach-Object { [pscustomobject]@{ Subject = "http://example.org/s$_"; Predicate = 'http://example.org/p'; Object = $_ } } | Add-Triple -WhatIf
            (Get-TripleStoreStatistics).Quads
            """);

        Assert.Empty(run.Errors);
        Assert.Equal(0L, run.Single().BaseObject);
    }

    [Fact]
    public void Clear_TripleStore_clears_a_graph_the_default_graph_or_everything()
    {
        using var folder = new TempFolder();
        var run = InStore(folder, """
            Invoke-Sparql 'INSERT DATA { <http://example.org/a> <http://example.org/p> 1 . GRAPH <http://example.org/g1> { <http://example.org/a> <http://example.org/p> 2, 3 } GRAPH <http://example.org/g2> { <http://example.org/a> <http://example.org/p> 4 } }' | Out-Null
            try { Clear-TripleStore -Graph http://example.org/g1 -ErrorAction Stop; 'ran' } catch { 'prompted' }
            (Clear-TripleStore -Graph http://example.org/g1 -Confirm:$false).Removed
            (Clear-TripleStore -DefaultGraph -Confirm:$false).Removed
            Clear-TripleStore -All -WhatIf
            (Get-TripleStoreStatistics).Quads
            $r = Clear-TripleStore -All -Confirm:$false
            $r.Graph; $r.Removed
            (Get-TripleStoreStatistics).Quads
            """);

        Assert.Empty(run.Errors);
        Assert.Equal(new object[] { "prompted", 2L, 1L, 1L, "ALL", 1L, 0L }, run.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void A_transaction_block_commits_at_the_end_and_queries_inside_see_its_writes()
    {
        using var folder = new TempFolder();
        var data = folder.Write("more.nt", "<http://example.org/f> <http://example.org/p> \"from file\" .\n");
        var run = InStore(folder, $$"""
            Add-Triple http://example.org/old http://example.org/p gone | Out-Null
            $seen = Invoke-TripleStoreTransaction {
                Add-Triple http://example.org/a http://example.org/p 1 | Out-Null
                Invoke-Sparql 'INSERT DATA { <http://example.org/b> <http://example.org/p> 2 }' | Out-Null
                Remove-Triple http://example.org/old http://example.org/p gone -Confirm:$false | ForEach-Object InTransaction
                Import-Rdf '{{data}}' | ForEach-Object TriplesAdded
                # Inside: the block's own writes are visible; outside (another runspace) nothing is yet.
                Invoke-Sparql 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }' | ForEach-Object n
            }
            $seen
            Invoke-Sparql 'SELECT ?s { ?s ?p ?o } ORDER BY ?s' | ForEach-Object { $_.s.ToString() }
            """);

        Assert.Empty(run.Errors);
        Assert.Equal(new object[] { true, 1L, 3L }, run.Output.Take(3).Select(o => o.BaseObject));
        Assert.Equal(new[] { Ex + "a", Ex + "b", Ex + "f" }, run.Output.Skip(3).Select(o => o.ToString()));
    }

    [Fact]
    public void A_throw_in_the_block_rolls_everything_back_and_is_rethrown()
    {
        using var folder = new TempFolder();
        var run = InStore(folder, """
            Add-Triple http://example.org/keep http://example.org/p 0 | Out-Null
            try {
                Invoke-TripleStoreTransaction {
                    Add-Triple http://example.org/a http://example.org/p 1 | Out-Null
                    Clear-TripleStore -All -Confirm:$false | Out-Null
                    Invoke-Sparql 'INSERT DATA { <http://example.org/b> <http://example.org/p> 2 }' | Out-Null
                    throw 'boom'
                }
                'not reached'
            } catch { "caught: $($_.Exception.Message)" }
            Invoke-Sparql 'SELECT ?s { ?s ?p ?o }' | ForEach-Object { $_.s.ToString() }
            # The writer lock was released: a plain write works again.
            (Add-Triple http://example.org/after http://example.org/p 1).Added
            """);

        Assert.Empty(run.Errors);
        Assert.Equal(new object[] { "caught: boom", Ex + "keep", 1L }, run.Output.Select(o => o.BaseObject is Uri u ? u.ToString() : o.BaseObject));
    }

    [Fact]
    public void Transaction_WhatIf_runs_the_block_and_rolls_it_back()
    {
        using var folder = new TempFolder();
        var run = InStore(folder, """
            Invoke-TripleStoreTransaction { Add-Triple http://example.org/a http://example.org/p 1 | ForEach-Object Added } -WhatIf
            (Get-TripleStoreStatistics).Quads
            """);

        Assert.Empty(run.Errors);
        Assert.Equal(new object[] { 1L, 0L }, run.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Stopping_an_Add_Triple_pipeline_writes_nothing()
    {
        using var folder = new TempFolder();
        using var runspace = module.OpenRunspace();
        using (var open = System.Management.Automation.PowerShell.Create())
        {
            open.Runspace = runspace;
            open.AddScript($"Open-TripleStore '{folder.File("store")}' | Out-Null").Invoke();
        }
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        using var started = new ManualResetEventSlim();
        ps.AddScript("""
            param($started)
            1..5000000 | ForEach-Object { if ($_ -eq 1000) { $started.Set() }; [pscustomobject]@{ Subject = "http://example.org/s$_"; Predicate = 'http://example.org/p'; Object = $_ } } | Add-Triple
            """).AddArgument(started);
        var invocation = ps.BeginInvoke();
        Assert.True(started.Wait(TimeSpan.FromSeconds(120)), "the pipeline did not start");
        ps.Stop();
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);

        using var check = System.Management.Automation.PowerShell.Create();
        check.Runspace = runspace;
        var quads = check.AddScript("(Get-TripleStoreStatistics).Quads").Invoke();
        Assert.Equal(0L, Assert.Single(quads).BaseObject);
    }
}
