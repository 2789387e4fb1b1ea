using System.Diagnostics;
using System.Management.Automation;
using PS = System.Management.Automation.PowerShell;

namespace TripleStore.PowerShell.Tests;

/// <summary>Invoke-Materialize, Get-TripleStoreReasoningStatus, Remove-TripleStoreMaterialization and Invoke-Sparql -ExcludeInferred.</summary>
[Collection(ModuleCollection.Name)]
public sealed class ReasoningCmdletTests(ModuleFixture module)
{
    private const string Ontology = """
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix : <http://example.org/> .
        :Cat rdfs:subClassOf :Mammal . :Mammal rdfs:subClassOf :Animal . :hasPet rdfs:range :Animal .
        :tom a :Cat . :ann :hasPet :rex .
        """;

    private const string CountAll = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }";

    [Fact]
    public void Invoke_Materialize_writes_a_typed_result_with_progress_and_the_status_follows()
    {
        using var folder = new TempFolder();
        var data = folder.Write("zoo.ttl", Ontology);
        var run = module.Run($$"""
            $store = Open-TripleStore '{{folder.File("store")}}'
            Import-Rdf '{{data}}' | Out-Null
            (Get-TripleStoreReasoningStatus).State
            $r = Invoke-Materialize -Profile RDFS
            $r.GetType().FullName
            $r.Profile; $r.Incremental; $r.Derived -gt 0; $r.Removed; $r.Iterations -gt 0; $r.Duration -is [TimeSpan]; $r.TotalDerived -eq $r.Derived
            $s = Get-TripleStoreReasoningStatus
            $s.State; $s.Profile; $s.DerivedCount -eq $r.TotalDerived; $null -ne $s.LastRun; $s.PendingChanges
            (Invoke-Sparql 'ASK { <http://example.org/tom> a <http://example.org/Animal> }')
            (Invoke-Sparql 'ASK { <http://example.org/tom> a <http://example.org/Animal> }' -ExcludeInferred)
            ((Invoke-Sparql '{{CountAll}}').n - (Invoke-Sparql '{{CountAll}}' -ExcludeInferred).n) -eq $r.TotalDerived
            """);

        Assert.Empty(run.Errors.Select(e => e.ToString()));
        Assert.Equal(new[]
        {
            "None", "TripleStore.PowerShell.Reasoning.TripleStoreMaterializeResult",
            "RDFS", "False", "True", "0", "True", "True", "True",
            "UpToDate", "RDFS", "True", "True", "0",
            "True", "False", "True",
        }, run.Output.Select(o => o.ToString()));
        Assert.Contains(run.Progress, p => p.StatusDescription.StartsWith("Iteration 1:", StringComparison.Ordinal));
        Assert.Contains(run.Progress, p => p.StatusDescription.StartsWith("Writing:", StringComparison.Ordinal));
        Assert.Equal(ProgressRecordType.Completed, run.Progress[^1].RecordType);
    }

    [Fact]
    public void Status_survives_a_reopen_and_the_next_run_is_incremental()
    {
        using var folder = new TempFolder();
        var data = folder.Write("zoo.ttl", Ontology);
        var more = folder.Write("more.nt", "<http://example.org/kitty> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Cat> .\n");
        var store = folder.File("store");
        var run = module.Run($$"""
            Open-TripleStore '{{store}}' | Out-Null
            Import-Rdf '{{data}}' | Out-Null
            Invoke-Materialize | Out-Null
            (Get-TripleStore).Update('INSERT DATA { <http://example.org/felix> a <http://example.org/Cat> }') | Out-Null
            Close-TripleStore
            Open-TripleStore '{{store}}' | Out-Null
            $s = Get-TripleStoreReasoningStatus
            $s.State; $s.Profile; $s.PendingChanges; $s.FullRunRequired
            $r = Invoke-Materialize
            $r.Incremental; $r.Derived -gt 0
            (Get-TripleStoreReasoningStatus).State
            Invoke-Sparql 'ASK { <http://example.org/felix> a <http://example.org/Animal> }'
            Import-Rdf '{{more}}' | Out-Null
            (Get-TripleStoreReasoningStatus).FullRunRequired
            (Invoke-Materialize).Incremental
            Invoke-Sparql 'ASK { <http://example.org/kitty> a <http://example.org/Animal> }'
            """);

        Assert.Empty(run.Errors.Select(e => e.ToString()));
        Assert.Equal(new[] { "Stale", "OWL2RL", "1", "False", "True", "True", "UpToDate", "True", "False", "True", "True" },
            run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Inconsistencies_are_objects_and_Rules_selects_a_subset()
    {
        using var folder = new TempFolder();
        var data = folder.Write("bad.ttl", Ontology + "\n:Cat owl:disjointWith :Animal .\n");
        var run = module.Run($$"""
            Open-TripleStore '{{folder.File("store")}}' | Out-Null
            Import-Rdf '{{data}}' | Out-Null
            $r = Invoke-Materialize -Profile OWL2RL
            $r.IsConsistent
            $i = $r.Inconsistencies | Where-Object Rule -eq 'cax-dw' | ForEach-Object { $_ }
            $i[0].GetType().Name; $i[0].Terms -contains '<http://example.org/tom>'
            (Get-TripleStoreReasoningStatus).InconsistencyCount -gt 0
            $sub = Invoke-Materialize -Rules cax-sco
            (Get-TripleStoreReasoningStatus).Rules -join ','
            Invoke-Sparql 'ASK { <http://example.org/rex> a <http://example.org/Animal> }'
            Invoke-Sparql 'ASK { <http://example.org/tom> a <http://example.org/Animal> }'
            """);

        Assert.Empty(run.Errors.Select(e => e.ToString()));
        Assert.Equal(new[] { "False", "TripleStoreInconsistency", "True", "True", "cax-sco", "False", "True" },
            run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void An_unknown_rule_is_a_ConfigurationInvalid_error_and_the_profile_is_validated()
    {
        using var folder = new TempFolder();
        var run = module.Run($$"""
            Open-TripleStore '{{folder.File("store")}}' | Out-Null
            Invoke-Materialize -Rules cax-sco, no-such-rule -WhatIf
            """);
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("ConfigurationInvalid", error.FullyQualifiedErrorId);
        Assert.Contains("no-such-rule", error.ToString());

        run = module.Run($"Open-TripleStore '{folder.File("store2")}' | Out-Null; Invoke-Materialize -Profile OWL3");
        Assert.Contains(run.Errors, e => e.FullyQualifiedErrorId.StartsWith("ParameterArgumentValidationError", StringComparison.Ordinal));
    }

    [Fact]
    public void WhatIf_changes_nothing_and_Remove_drops_exactly_the_derived_triples()
    {
        using var folder = new TempFolder();
        var data = folder.Write("zoo.ttl", Ontology);
        var run = module.Run($$"""
            Open-TripleStore '{{folder.File("store")}}' | Out-Null
            Import-Rdf '{{data}}' | Out-Null
            $asserted = (Invoke-Sparql '{{CountAll}}').n
            @(Invoke-Materialize -WhatIf).Count
            (Get-TripleStoreReasoningStatus).State
            (Invoke-Sparql '{{CountAll}}').n -eq $asserted
            Invoke-Materialize | Out-Null
            Remove-TripleStoreMaterialization -WhatIf
            (Get-TripleStoreReasoningStatus).State
            (Remove-TripleStoreMaterialization -Confirm:$false -PassThru).State
            (Invoke-Sparql '{{CountAll}}').n -eq $asserted
            """);

        Assert.Empty(run.Errors.Select(e => e.ToString()));
        Assert.Equal(new[] { "0", "None", "True", "UpToDate", "None", "True" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Profile_and_rule_names_complete()
    {
        var run = module.Run("""
            (TabExpansion2 -inputScript 'Invoke-Materialize -Profile ' -cursorColumn 28).CompletionMatches.CompletionText -join ','
            (TabExpansion2 -inputScript 'Invoke-Materialize -Rules cax-' -cursorColumn 30).CompletionMatches.CompletionText -join ','
            (TabExpansion2 -inputScript 'Invoke-Materialize -Profile RDFS -Rules rdfs1' -cursorColumn 45).CompletionMatches.CompletionText -join ','
            """);

        Assert.Empty(run.Errors.Select(e => e.ToString()));
        Assert.Equal(new[] { "OWL2RL", "RDFS" }, run.Output[0].ToString().Split(',').Order());
        Assert.Contains("cax-sco", run.Output[1].ToString().Split(','));
        Assert.Contains("cax-dw", run.Output[1].ToString().Split(','));
        Assert.All(run.Output[2].ToString().Split(','), name => Assert.StartsWith("rdfs1", name));
        Assert.Contains("rdfs11", run.Output[2].ToString().Split(','));
    }

    [Fact]
    public void Stop_cancels_a_materialization_of_LUBM_promptly_and_leaves_the_store_consistent()
    {
        using var folder = new TempFolder();
        using var runspace = module.OpenRunspace();
        using (var setup = PS.Create())
        {
            // The generator lives in the engine, which the module loads privately: reach it through the store's type.
            setup.Runspace = runspace;
            setup.AddScript($$"""
                $store = Open-TripleStore '{{folder.File("store")}}'
                $engine = $store.GetType().Assembly
                $ontology = $engine.GetType('TripleStore.Benchmarks.Lubm.UnivBenchOntology').GetProperty('Turtle').GetValue($null)
                [IO.File]::WriteAllText('{{folder.File("univ-bench.ttl")}}', $ontology)
                $generator = [Activator]::CreateInstance($engine.GetType('TripleStore.Benchmarks.Lubm.LubmGenerator'), @(2, [uint64]0, 0))
                $writer = [IO.StreamWriter]::new('{{folder.File("lubm.nt")}}')
                try { $generator.WriteNTriples($writer) | Out-Null } finally { $writer.Dispose() }
                Import-Rdf '{{folder.File("univ-bench.ttl")}}', '{{folder.File("lubm.nt")}}' | Out-Null
                $store.Count()
                """);
            var asserted = setup.Invoke();
            Assert.Empty(setup.Streams.Error);
            Assert.True((long)asserted[^1].BaseObject > 200_000);
        }

        using var ps = PS.Create();
        ps.Runspace = runspace;
        ps.AddCommand("Invoke-Materialize").AddParameter("Profile", "OWL2RL");
        var started = new ManualResetEventSlim();
        ps.Streams.Progress.DataAdded += (_, _) => started.Set();
        var invocation = ps.BeginInvoke();
        Assert.True(started.Wait(TimeSpan.FromMinutes(2)), "no progress arrived");
        Assert.False(invocation.IsCompleted, "the materialization finished before it could be stopped; use more data");
        var stopping = Stopwatch.StartNew();
        ps.Stop();
        stopping.Stop();
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {stopping.Elapsed}");

        using var check = PS.Create();
        check.Runspace = runspace;
        check.AddScript("""
            $s = Get-TripleStoreReasoningStatus
            $s.State
            (Invoke-Sparql 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }' -ExcludeInferred).n -eq (Get-TripleStore).Count()
            (Test-TripleStore).IsConsistent
            """);
        var state = check.Invoke().Select(o => o.ToString()).ToList();
        Assert.Empty(check.Streams.Error);
        // Stopped before its first write, nothing was materialized before, so nothing is now; stopped while
        // writing, the partial result says it is stale.
        Assert.Contains(state[0], new[] { "None", "Stale" });
        Assert.Equal(new[] { "True", "True" }, state.Skip(1));
    }
}
