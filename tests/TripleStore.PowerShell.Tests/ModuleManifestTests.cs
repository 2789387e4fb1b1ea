using System.Collections;

namespace TripleStore.PowerShell.Tests;

[Collection(ModuleCollection.Name)]
public sealed class ModuleManifestTests(ModuleFixture module)
{
    [Fact]
    public void The_packaged_manifest_passes_Test_ModuleManifest()
    {
        var run = module.Run("Test-ModuleManifest -Path $args[0]", module.ManifestPath);

        Assert.Empty(run.Errors);
        var info = run.Single();
        Assert.Equal(new Version(ModuleFixture.ModuleVersion), info.Properties["Version"].Value);
        Assert.Equal("TripleStore.PowerShell.dll", info.Properties["RootModule"].Value);
    }

    [Fact]
    public void The_manifest_exports_exactly_the_cmdlets_the_assembly_defines()
    {
        var run = module.Run("""
            $manifest = Import-PowerShellDataFile -Path $args[0]
            ($manifest.CmdletsToExport | Sort-Object) -join ','
            ((Get-Command -Module TripleStore -CommandType Cmdlet).Name | Sort-Object) -join ','
            """, module.ManifestPath);

        Assert.Empty(run.Errors);
        Assert.Equal(2, run.Output.Count);
        Assert.Contains("Convert-Rdf", run.Output[0].ToString());
        Assert.Contains("Test-Rdf", run.Output[0].ToString());
        Assert.Equal(run.Output[0].ToString(), run.Output[1].ToString());
    }

    [Fact]
    public void The_manifest_declares_its_platform_and_gallery_metadata()
    {
        var run = module.Run("Import-PowerShellDataFile -Path $args[0]", module.ManifestPath);

        var manifest = (Hashtable)run.Single().BaseObject;
        Assert.Equal("7.6", manifest["PowerShellVersion"]);
        Assert.Equal(new object[] { "Core" }, (object[])manifest["CompatiblePSEditions"]!);
        Assert.DoesNotContain("*", string.Join(",", (object[])manifest["CmdletsToExport"]!));
        var psData = (Hashtable)((Hashtable)manifest["PrivateData"]!)["PSData"]!;
        Assert.NotEmpty((object[])psData["Tags"]!);
        foreach (var key in new[] { "ProjectUri", "LicenseUri", "ReleaseNotes" })
            Assert.False(string.IsNullOrWhiteSpace(psData[key] as string), key);
    }

    [Fact]
    public void The_module_folder_keeps_the_engine_out_of_its_root()
    {
        Assert.True(File.Exists(Path.Combine(module.ModuleFolder, "TripleStore.PowerShell.dll")));
        Assert.True(File.Exists(Path.Combine(module.ModuleFolder, "TripleStore.format.ps1xml")));
        Assert.True(File.Exists(Path.Combine(module.ModuleFolder, "deps", "TripleStore.dll")));
        Assert.True(File.Exists(Path.Combine(module.ModuleFolder, "deps", "Microsoft.Extensions.Logging.Abstractions.dll")));
        Assert.False(File.Exists(Path.Combine(module.ModuleFolder, "TripleStore.dll")));
        Assert.False(File.Exists(Path.Combine(module.ModuleFolder, "System.Management.Automation.dll")));
    }

    [Fact]
    public void The_development_manifest_at_the_repository_root_imports_the_built_module()
    {
        var rootManifest = Path.Combine(module.RepositoryRoot, "TripleStore.psd1");

        var run = module.Run("Test-ModuleManifest -Path $args[0] | ForEach-Object { $_.Version.ToString(); $_.ModuleBase }", rootManifest);

        Assert.Empty(run.Errors);
        Assert.Equal(ModuleFixture.ModuleVersion, run.Output[0].ToString());
    }

    [Fact]
    public void The_format_file_gives_every_output_type_a_view()
    {
        var run = module.Run("""
            'TripleStore.Operations.RdfConversionResult', 'TripleStore.Operations.RdfValidationResult', 'TripleStore.Formats.RdfSyntaxError',
            'TripleStore.RdfStore', 'TripleStore.ImportSummary', 'TripleStore.PowerShell.RdfExportResult', 'TripleStore.StoreStatistics',
            'TripleStore.PowerShell.SparqlUpdateResult', 'TripleStore.PowerShell.TripleStoreChangeResult' |
                ForEach-Object { $t = $_; Get-FormatData -TypeName $t | ForEach-Object { $t + '=' + $_.FormatViewDefinition[0].Control.GetType().Name } }
            """);

        Assert.Equal(new[]
        {
            "TripleStore.Operations.RdfConversionResult=TableControl",
            "TripleStore.Operations.RdfValidationResult=TableControl",
            "TripleStore.Formats.RdfSyntaxError=TableControl",
            "TripleStore.RdfStore=TableControl",
            "TripleStore.ImportSummary=TableControl",
            "TripleStore.PowerShell.RdfExportResult=TableControl",
            "TripleStore.StoreStatistics=ListControl",
            "TripleStore.PowerShell.SparqlUpdateResult=TableControl",
            "TripleStore.PowerShell.TripleStoreChangeResult=TableControl",
        }, run.Output.Select(o => o.ToString()));
    }
}
