namespace TripleStore.PowerShell.Tests;

/// <summary>
/// The conventions every exported cmdlet follows, checked through Get-Command and reflection so that a
/// cmdlet added later is held to them without any change here.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class ModuleConventionTests(ModuleFixture module)
{
    /// <summary>Runs a script that writes one line per violation, and expects none.</summary>
    private void AssertNoViolations(string script)
    {
        var run = module.Run("""
            $commands = @(Get-Command -Module TripleStore -CommandType Cmdlet)
            if ($commands.Count -lt 10) { "only $($commands.Count) cmdlets exported" }

            """ + script);

        Assert.Empty(run.Errors);
        Assert.True(run.Output.Count == 0, "Convention violations:\n" + string.Join("\n", run.Output));
    }

    [Fact]
    public void Every_cmdlet_uses_an_approved_verb_and_a_prefixed_noun()
    {
        AssertNoViolations("""
            $verbs = (Get-Verb).Verb
            # Invoke-Materialize names the operation itself; every other noun carries one of the prefixes.
            $prefixes = '^(TripleStore|Triple|Rdf|Sparql)|^Materialize$'
            foreach ($c in $commands) {
                if ($verbs -notcontains $c.Verb) { "$($c.Name): '$($c.Verb)' is not an approved verb (Get-Verb)" }
                if ($c.Noun -notmatch $prefixes) { "$($c.Name): the noun has none of the prefixes TripleStore, Triple, Rdf, Sparql" }
            }
            """);
    }

    [Fact]
    public void Every_cmdlet_declares_its_output_types_and_each_has_a_table_and_a_list_view()
    {
        AssertNoViolations("""
            $plain = 'System.Void', 'System.String', 'System.Boolean', 'System.Management.Automation.PSObject', 'System.Object'
            foreach ($c in $commands) {
                $declared = @($c.ImplementingType.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true))
                if ($declared.Count -eq 0) { "$($c.Name): no [OutputType]"; continue }
                foreach ($type in $c.OutputType) {
                    if ($plain -contains $type.Name) { continue }
                    $views = @(Get-FormatData -TypeName $type.Name | ForEach-Object { $_.FormatViewDefinition } | ForEach-Object { $_.Control.GetType().Name })
                    if ($views -notcontains 'TableControl') { "$($c.Name): output type $($type.Name) has no table view in TripleStore.format.ps1xml" }
                    if ($views -notcontains 'ListControl') { "$($c.Name): output type $($type.Name) has no list view in TripleStore.format.ps1xml" }
                }
            }
            """);
    }

    [Fact]
    public void Cmdlets_that_change_state_support_WhatIf_and_destructive_ones_confirm_at_high_impact()
    {
        AssertNoViolations("""
            # Verbs that write: a store, a file, a folder or a process. Open/Close only manage the session's
            # handles, and Invoke-Sparql only reads; Invoke-Materialize writes derived statements.
            $changing = 'Add', 'Backup', 'Clear', 'Convert', 'Export', 'Import', 'Install', 'Move', 'New', 'Optimize',
                'Publish', 'Register', 'Remove', 'Rename', 'Repair', 'Reset', 'Restore', 'Save', 'Set', 'Start', 'Stop',
                'Uninstall', 'Unregister', 'Update', 'Write'
            $changingNames = 'Invoke-Materialize'
            $destructive = 'Clear', 'Remove', 'Reset', 'Restore', 'Uninstall', 'Unregister'
            # Clearing the result cache loses no data (every entry can be recomputed), so it confirms at Medium.
            $notDestructive = 'Clear-TripleStoreCache'
            foreach ($c in $commands) {
                $binding = @($c.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true))[0]
                $changes = $changing -contains $c.Verb -or $changingNames -contains $c.Name
                if ($changes -and -not $binding.SupportsShouldProcess) { "$($c.Name): changes state but does not support -WhatIf/-Confirm" }
                if ($binding.SupportsShouldProcess -and -not ($c.Parameters.ContainsKey('WhatIf') -and $c.Parameters.ContainsKey('Confirm'))) { "$($c.Name): no -WhatIf/-Confirm" }
                if ($destructive -contains $c.Verb -and $notDestructive -notcontains $c.Name -and $binding.ConfirmImpact -ne 'High') { "$($c.Name): destructive, so ConfirmImpact must be High (is $($binding.ConfirmImpact))" }
            }
            """);
    }

    [Fact]
    public void Stores_paths_and_queries_come_from_the_pipeline()
    {
        AssertNoViolations("""
            foreach ($c in $commands) {
                foreach ($p in $c.Parameters.Values) {
                    $attributes = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
                    $byValue = @($attributes | Where-Object { $_.ValueFromPipeline }).Count -gt 0
                    $byName = @($attributes | Where-Object { $_.ValueFromPipelineByPropertyName }).Count -gt 0
                    if ($p.Name -eq 'Store' -and -not ($byValue -and $byName)) { "$($c.Name): -Store must take a store from the pipeline by value and by property name" }
                    if ($p.Name -eq 'Query' -and -not $byValue) { "$($c.Name): -Query must take query text from the pipeline" }
                    if ($p.Name -in 'Path', 'LiteralPath' -and $byName -and -not ($p.Aliases -contains 'FullName' -and $p.Aliases -contains 'PSPath')) {
                        "$($c.Name): -$($p.Name) takes pipeline input by property name, so it needs the aliases FullName and PSPath"
                    }
                    if ($p.Name -in 'Triple', 'Triples', 'InputObject' -and -not $byValue) { "$($c.Name): -$($p.Name) must take triple objects from the pipeline" }
                }
            }
            """);
    }

    [Fact]
    public void Store_graph_format_preset_profile_and_query_parameters_complete()
    {
        AssertNoViolations("""
            $expected = @{
                Graph = 'GraphCompleter'; Format = 'RdfFormatCompleter'; DestinationFormat = 'RdfFormatCompleter'
                Preset = 'PresetCompleter'; Profile = 'ReasoningProfileCompleter'; Query = 'SparqlPrefixCompleter'
            }
            foreach ($c in $commands) {
                foreach ($p in $c.Parameters.Values) {
                    if (-not $expected.ContainsKey($p.Name)) { continue }
                    # A fixed ValidateSet completes by itself.
                    if (@($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }).Count) { continue }
                    $completers = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] } | ForEach-Object { $_.Type.Name })
                    if ($completers -notcontains $expected[$p.Name]) { "$($c.Name): -$($p.Name) needs [ArgumentCompleter(typeof($($expected[$p.Name])))]" }
                }
            }
            """);
    }

    [Fact]
    public void No_cmdlet_parameter_has_an_engine_enum_or_struct_type()
    {
        AssertNoViolations("""
            foreach ($c in $commands) {
                foreach ($p in $c.Parameters.Values) {
                    $t = $p.ParameterType
                    if ($t.IsArray) { $t = $t.GetElementType() }
                    if ($t.Assembly.GetName().Name -eq 'TripleStore' -and $t.IsValueType) { "$($c.Name): -$($p.Name) is of the engine type $($t.FullName); take a string and convert inside" }
                }
            }
            """);
    }
}
