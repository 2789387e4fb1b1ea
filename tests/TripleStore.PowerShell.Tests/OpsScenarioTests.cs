namespace TripleStore.PowerShell.Tests;

/// <summary>
/// The scenarios of tests/pester/TripleStore.Tests.ps1, run here in a hosted runspace: the module used
/// the way an ops script uses it, and pipelines that bind stores and paths the native way.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class OpsScenarioTests(ModuleFixture module)
{
    private static void WriteData(TempFolder folder, ModuleFixture module)
    {
        folder.Write("data/library.ttl", File.ReadAllText(Path.Combine(module.RepositoryRoot, "examples", "data", "sample.ttl")));
        folder.Write("data/schema.ttl", """
            @prefix ex: <http://example.org/library/> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            ex:Book rdfs:subClassOf ex:Work .
            ex:Person rdfs:subClassOf ex:Agent .
            """);
        folder.Write("data/more.nt",
            "<http://example.org/library/the-art-of-computer-programming> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/library/Book> .\n" +
            "<http://example.org/library/the-art-of-computer-programming> <http://purl.org/dc/terms/title> \"The Art of Computer Programming\"@en .\n");
    }

    [Fact]
    public void An_ops_script_loads_a_folder_reports_to_csv_materializes_backs_up_restores_compares_and_gates_on_health()
    {
        using var folder = new TempFolder();
        WriteData(folder, module);

        var run = module.Run("""
            $ErrorActionPreference = 'Stop'
            $ProgressPreference = 'SilentlyContinue'
            $store = Open-TripleStore -Path ./store
            $summary = Get-ChildItem -Path ./data -File | Import-Rdf
            "files=$($summary.Files) added=$($summary.TriplesAdded) quads=$((Get-TripleStoreStatistics).Quads)"

            Invoke-Sparql 'PREFIX dcterms: <http://purl.org/dc/terms/>
                SELECT ?book ?title WHERE { ?book a <http://example.org/library/Book> ; dcterms:title ?title } ORDER BY ?title' |
                Export-Csv -Path ./titles.csv -NoTypeInformation
            $rows = @(Import-Csv -Path ./titles.csv)
            "rows=$($rows.Count) columns=$($rows[0].PSObject.Properties.Name -join ',') first=$($rows[0].title)"

            $before = Invoke-Sparql 'ASK { <http://example.org/library/ada-lovelace> a <http://example.org/library/Agent> }'
            Invoke-Materialize -Profile RDFS | Out-Null
            $after = Invoke-Sparql 'ASK { <http://example.org/library/ada-lovelace> a <http://example.org/library/Agent> }'
            "agent before=$before after=$after works=$(@(Invoke-Sparql 'SELECT ?w { ?w a <http://example.org/library/Work> }').Count)"

            $backup = Backup-TripleStore -Destination ./backups
            $result = Restore-TripleStore -Path $backup.Path -Destination ./restored -Confirm:$false
            $copy = Open-TripleStore -Path ./restored -ReadOnly
            $original = @(Export-Rdf -Store $store -Format NQuads | Sort-Object)
            $restored = @(Export-Rdf -Store $copy -Format NQuads | Sort-Object)
            Close-TripleStore -Store $copy
            "verified=$($backup.Verified) backupQuads=$($backup.QuadCount) restoredQuads=$($result.QuadCount) same=$(@(Compare-Object $original $restored).Count -eq 0) count=$($restored.Count)"

            $health = Get-TripleStoreHealth
            if ($health.Status -eq 'Healthy') { 'gate=continue' } else { 'gate=stop: ' + ($health.Reasons -join '; ') }
            """, location: folder.Path);

        Assert.Empty(run.Errors);
        Assert.Equal(new[]
        {
            "files=3 added=53 quads=53",
            "rows=5 columns=book,title first=Computing Machinery and Intelligence",
            "agent before=False after=True works=5",
            // The backup holds the 20 derived triples too; the export compares the 53 asserted ones.
            "verified=True backupQuads=73 restoredQuads=73 same=True count=53",
            "gate=continue",
        }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void A_store_from_the_pipeline_is_the_one_the_cmdlet_works_on()
    {
        using var folder = new TempFolder();
        WriteData(folder, module);

        var run = module.Run("""
            $ErrorActionPreference = 'Stop'
            $first = Open-TripleStore ./first
            $second = Open-TripleStore ./second
            $first | Import-Rdf ./data/more.nt | ForEach-Object { "imported=$($_.TriplesAdded)" }
            # The current store is ./second; the piped one is used instead.
            Get-TripleStore | Get-TripleStoreStatistics | ForEach-Object { "quads=$($_.Quads)" }
            $first | Invoke-Sparql 'ASK { ?s ?p ?o }'
            $second | Invoke-Sparql 'ASK { ?s ?p ?o }'
            [pscustomobject]@{ Store = $first } | Export-Rdf | ForEach-Object { 'line' } | Select-Object -First 1
            Get-TripleStore | Close-TripleStore
            @(Get-TripleStore).Count
            """, location: folder.Path);

        Assert.Empty(run.Errors);
        Assert.Equal(new[] { "imported=2", "quads=2", "quads=0", "True", "False", "line", "0" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Files_bind_to_Path_from_Get_Item_and_from_objects_with_FullName_or_PSPath()
    {
        using var folder = new TempFolder();
        WriteData(folder, module);
        var library = folder.File("data/library.ttl");
        var more = folder.File("data/more.nt");

        var run = module.Run($$"""
            $ErrorActionPreference = 'Stop'
            Open-TripleStore ./store | Out-Null
            (Get-Item '{{library}}' | Import-Rdf).Files
            ([pscustomobject]@{ FullName = '{{more}}' } | Test-Rdf).StatementCount
            ([pscustomobject]@{ PSPath = 'Microsoft.PowerShell.Core\FileSystem::{{more}}' } | Test-Rdf).StatementCount
            (Get-Item ./store | Open-TripleStore).Path -eq (Get-TripleStore -Current).Path
            """, location: folder.Path);

        Assert.Empty(run.Errors);
        Assert.Equal(new[] { "1", "2", "2", "True" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Backups_flow_from_Get_TripleStoreBackup_into_Restore_TripleStore()
    {
        using var folder = new TempFolder();
        WriteData(folder, module);

        var run = module.Run("""
            $ErrorActionPreference = 'Stop'
            Open-TripleStore ./store | Out-Null
            Import-Rdf ./data/more.nt | Out-Null
            Backup-TripleStore ./backups | Out-Null
            (Get-TripleStoreBackup ./backups | Restore-TripleStore -Destination ./restored -Confirm:$false).QuadCount
            (Get-Item ./backups | Get-TripleStoreBackup -NoVerify).QuadCount
            """, location: folder.Path);

        Assert.Empty(run.Errors);
        Assert.Equal(new[] { "2", "2" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void WhatIf_on_a_backup_makes_none()
    {
        using var folder = new TempFolder();

        var run = module.Run("""
            Open-TripleStore ./store | Out-Null
            Backup-TripleStore ./backups -WhatIf
            Test-Path ./backups
            """, location: folder.Path);

        Assert.Empty(run.Errors);
        Assert.Equal("False", run.Single().ToString());
    }
}
