using System.Management.Automation;

namespace TripleStore.PowerShell.Tests;

[Collection(ModuleCollection.Name)]
public sealed class OperationsCmdletTests(ModuleFixture module)
{
    [Fact]
    public void Backup_list_and_restore_round_trip_with_verification_and_progress()
    {
        using var folder = new TempFolder();
        var data = folder.Write("book.ttl", RdfSamples.ValidTurtle);
        var backups = folder.File("backups");
        var restored = folder.File("restored");

        var run = module.Run($$"""
            Open-TripleStore '{{folder.File("store")}}' | Out-Null
            Import-Rdf '{{data}}' | Out-Null
            $b = Backup-TripleStore -Destination '{{backups}}'
            $b.GetType().FullName
            $b.Verified
            $b.QuadCount
            $listed = @(Get-TripleStoreBackup -Path '{{backups}}')
            $listed.Count
            $listed[0].Verified
            $r = $listed[0] | Restore-TripleStore -Destination '{{restored}}' -Confirm:$false
            $r.Verified
            (Open-TripleStore '{{restored}}' | ForEach-Object { $_.Count() })
            """);

        Assert.Empty(run.Errors.Select(e => e.ToString()));
        var n = RdfSamples.ValidTurtleStatements.ToString();
        Assert.Equal(new[] { "TripleStore.Operations.BackupInfo", "True", n, "1", "True", "True", n }, run.Output.Select(o => o.ToString()));
        Assert.Contains(run.Progress, p => p.StatusDescription == "Verifying");
    }

    [Fact]
    public void Keep_rotates_and_Verify_false_skips_verification()
    {
        using var folder = new TempFolder();
        var backups = folder.File("backups");

        var run = module.Run($$"""
            Open-TripleStore '{{folder.File("store")}}' | Out-Null
            1..3 | ForEach-Object { Backup-TripleStore '{{backups}}' -Keep 2 -Verify:$false | ForEach-Object { $null -eq $_.Verified } }
            @(Get-TripleStoreBackup '{{backups}}' -NoVerify).Count
            """);

        Assert.Empty(run.Errors.Select(e => e.ToString()));
        Assert.Equal(new[] { "True", "True", "True", "2" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Backup_into_the_store_itself_is_a_BackupFailed_error()
    {
        using var folder = new TempFolder();
        var store = folder.File("store");

        var run = module.Run($"Open-TripleStore '{store}' | Out-Null; Backup-TripleStore -Destination '{Path.Combine(store, "b")}'");

        var error = Assert.Single(run.Errors);
        Assert.Equal("BackupFailed,TripleStore.PowerShell.Commands.BackupTripleStoreCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.WriteError, error.CategoryInfo.Category);
    }

    [Fact]
    public void Restore_refuses_an_existing_store_without_Force_and_an_open_one_always()
    {
        using var folder = new TempFolder();
        var store = folder.File("store");
        var backups = folder.File("backups");

        var run = module.Run($$"""
            Open-TripleStore '{{store}}' | Out-Null
            $b = Backup-TripleStore '{{backups}}'
            Restore-TripleStore $b.Path '{{store}}' -Force -Confirm:$false
            Close-TripleStore
            Restore-TripleStore $b.Path '{{store}}' -Confirm:$false
            Restore-TripleStore $b.Path '{{store}}' -WhatIf
            (Restore-TripleStore $b.Path '{{store}}' -Force -Confirm:$false).Verified
            """);

        Assert.Equal(2, run.Errors.Count);
        Assert.Equal("StoreLocked,TripleStore.PowerShell.Commands.RestoreTripleStoreCommand", run.Errors[0].FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceBusy, run.Errors[0].CategoryInfo.Category);
        Assert.Equal("RestoreFailed,TripleStore.PowerShell.Commands.RestoreTripleStoreCommand", run.Errors[1].FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.WriteError, run.Errors[1].CategoryInfo.Category);
        Assert.Equal(new[] { "True" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Health_reports_status_checks_and_turns_with_thresholds()
    {
        using var folder = new TempFolder();

        var run = module.Run($$"""
            Get-TripleStoreHealth | ForEach-Object { $_.Status }
            Open-TripleStore '{{folder.File("store")}}' | Out-Null
            $h = Get-TripleStoreHealth
            @($h.Checks).Count
            (Get-TripleStoreHealth -Liveness).Status
            @((Get-TripleStoreHealth -Readiness).Checks).Count
            $tight = @{ MinFreeDiskBytes = [long]::MaxValue; maxbackupage = '01:00:00' }
            (Get-TripleStoreHealth -Thresholds $tight).Status
            $critical = @{ CriticalFreeDiskBytes = [long]::MaxValue }
            (Get-TripleStoreHealth -Thresholds $critical).Status
            (Get-TripleStoreHealth -Thresholds $tight).Checks | Where-Object Name -eq LastBackup | ForEach-Object { $_.Status }
            Get-TripleStoreHealth -Thresholds @{ NoSuchLimit = 1 }
            Close-TripleStore
            (Get-TripleStoreHealth -Path '{{folder.File("missing")}}').Status
            """);

        var error = Assert.Single(run.Errors);
        Assert.StartsWith("ConfigurationInvalid,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(new[] { "Unhealthy", "14", "Healthy", "4", "Degraded", "Unhealthy", "Degraded", "Unhealthy" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Test_TripleStore_reports_a_consistent_store_and_honours_WhatIf_on_Repair()
    {
        using var folder = new TempFolder();
        var data = folder.Write("book.ttl", RdfSamples.ValidTurtle);

        var run = module.Run($$"""
            Open-TripleStore '{{folder.File("store")}}' | Out-Null
            Import-Rdf '{{data}}' | Out-Null
            $r = Test-TripleStore
            $r.IsConsistent
            $r.QuadsChecked
            (Test-TripleStore -Repair -WhatIf).Repaired
            """);

        Assert.Empty(run.Errors.Select(e => e.ToString()));
        Assert.Equal(new[] { "True", RdfSamples.ValidTurtleStatements.ToString(), "False" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void The_operations_objects_have_table_views()
    {
        var run = module.Run("""
            'BackupInfo', 'RestoreResult', 'HealthReport', 'HealthCheck', 'IntegrityReport', 'IntegrityProblem' |
                ForEach-Object { $t = "TripleStore.Operations.$_"; Get-FormatData -TypeName $t | ForEach-Object { $_.FormatViewDefinition[0].Control.GetType().Name } }
            """);

        Assert.Equal(Enumerable.Repeat("TableControl", 6), run.Output.Select(o => o.ToString()));
    }
}
