namespace TripleStore.PowerShell.Tests;

/// <summary>
/// Open-TripleStore -BackupDestination/-BackupInterval: backups are taken while the store stays open,
/// their outcome shows in Get-TripleStoreHealth, and closing the store stops the schedule.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class BackupScheduleCmdletTests(ModuleFixture module)
{
    [Fact]
    public void Scheduled_backups_run_while_the_store_is_open_report_through_health_and_stop_on_close()
    {
        using var folder = new TempFolder();
        var run = module.Run("""
            $ErrorActionPreference = 'Stop'
            $store = Open-TripleStore ./store -BackupDestination ./backups -BackupInterval 0.3 -BackupKeep 2
            Add-Triple http://example.org/s http://example.org/p 1 | Out-Null
            $deadline = [DateTime]::UtcNow.AddSeconds(90)
            while (-not (Test-Path ./backups) -or @(Get-TripleStoreBackup -Path ./backups).Count -lt 2) {
                if ([DateTime]::UtcNow -gt $deadline) { throw 'no scheduled backups within 90 s' }
                Start-Sleep -Milliseconds 100
            }
            # Rotation keeps two, so the count stays at 2 while backups keep coming.
            Start-Sleep -Milliseconds 1000
            @(Get-TripleStoreBackup -Path ./backups).Count
            $check = (Get-TripleStoreHealth -Thresholds @{ MaxBackupAge = '01:00:00' }).Checks | Where-Object Name -eq LastBackup
            $check.Status.ToString()
            Close-TripleStore
            $names = @(Get-ChildItem ./backups -Directory).Name -join ','
            Start-Sleep -Milliseconds 1000
            (@(Get-ChildItem ./backups -Directory).Name -join ',') -eq $names
            try { Open-TripleStore ./other -BackupDestination ./b2 } catch { $_.FullyQualifiedErrorId.Split(',')[0] }
            """, location: folder.Path);

        Assert.Empty(run.Errors);
        Assert.Equal(new object[] { 2, "Healthy", true, "ConfigurationInvalid" }, run.Output.Select(o => o.BaseObject));
    }
}
