<#
.SYNOPSIS
    Builds, tests and packages TripleStore.
.DESCRIPTION
    Build    compiles everything; building TripleStore.PowerShell also lays out the module folder
             out/TripleStore/<version>/ (manifest, cmdlet assembly, format file, deps/).
    Test     runs every test suite, exactly as README.md and .ci/run do; then, when pwsh and Pester 5
             are installed, the Pester suite in tests/pester/ against the module folder.
    Pester   runs the Pester suite alone (build or package the module first). It runs in the pwsh that runs
             this script (else the pwsh on PATH), with the newest Pester 5 of the module path, or the one
             -PesterPath names.
    Package  lays out a clean Release module folder out/TripleStore/<version>/, with the native
             libraries of every runtime under deps/runtimes/<rid>/native/ and the help generated from
             docs/help/ in en-US/, checks its manifest and zips it to out/TripleStore-<version>.zip.
             Release builds ship the cmdlet assembly and the engine as ReadyToRun images for linux-x64
             (docs/packaging.md).
    Runs under pwsh 7.6, or without pwsh through the bundled host:
        dotnet run --project src/TripleStore.Host -- -File build.ps1 -Task Package
.EXAMPLE
    ./build.ps1 -Task Build, Test
.EXAMPLE
    ./build.ps1 -Task Package, Pester -PesterPath ~/.nuget/packages/pester/5.7.1/tools/Pester.psd1
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Pester')]
    [string[]]$Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string]$Configuration = 'Release',

    # A Pester 5 manifest (Pester.psd1) to use when Pester is not installed in a module path.
    [string]$PesterPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$version = (Import-PowerShellDataFile -Path (Join-Path $root 'TripleStore.psd1')).ModuleVersion
$moduleFolder = Join-Path $root "out/TripleStore/$version"

function Invoke-Dotnet {
    Write-Verbose "dotnet $($args -join ' ')"
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

# The Pester suite runs in a pwsh of its own, so that it imports the module into a clean session.
function Invoke-PesterSuite {
    # The pwsh running this script first (it need not be on PATH); not the bundled host, which lacks Pester's cmdlets.
    $self = [Environment]::ProcessPath
    $pwsh = if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'pwsh') { $self } else {
        Get-Command pwsh -CommandType Application -ErrorAction Ignore | ForEach-Object Source | Select-Object -First 1
    }
    $pester = if ($PesterPath) { (Resolve-Path -LiteralPath $PesterPath).ProviderPath } else {
        Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0' } | Sort-Object Version -Descending |
            Select-Object -First 1 | ForEach-Object Path
    }
    if (-not $pwsh -or -not $pester) {
        Write-Warning 'tests/pester needs pwsh and Pester 5 (Install-Module Pester -MinimumVersion 5.0, or -PesterPath); skipped.'
        return
    }
    $script = @"
Import-Module '$pester' -MinimumVersion 5.0
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $root 'tests/pester')'
`$config.Run.Exit = `$true
`$config.Output.Verbosity = 'Detailed'
Invoke-Pester -Configuration `$config
"@
    $env:TRIPLESTORE_MODULE = Join-Path $moduleFolder 'TripleStore.psd1'
    & $pwsh -NoProfile -NonInteractive -Command $script
    if ($LASTEXITCODE -ne 0) { throw "The Pester suite failed (exit code $LASTEXITCODE)." }
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' {
            Invoke-Dotnet build (Join-Path $root 'TripleStore.slnx') -c $Configuration
        }
        'Test' {
            Invoke-Dotnet test (Join-Path $root 'TripleStore.slnx') -c $Configuration --logger 'console;verbosity=detailed'
            Invoke-PesterSuite
        }
        'Pester' {
            Invoke-PesterSuite
        }
        'Package' {
            # A clean folder, so nothing from an earlier build or version is shipped by accident.
            if (Test-Path $moduleFolder) { Remove-Item -Recurse -Force $moduleFolder }
            Invoke-Dotnet build (Join-Path $root 'TripleStore.PowerShell/TripleStore.PowerShell.csproj') -c Release
            $manifest = Test-ModuleManifest -Path (Join-Path $moduleFolder 'TripleStore.psd1')
            $zip = Join-Path $root "out/TripleStore-$version.zip"
            if (Test-Path $zip) { Remove-Item -Force $zip }
            Add-Type -AssemblyName System.IO.Compression.FileSystem
            [System.IO.Compression.ZipFile]::CreateFromDirectory($moduleFolder, $zip)
            [pscustomobject]@{
                Module  = $manifest.Name
                Version = $manifest.Version
                Folder  = $moduleFolder
                Cmdlets = ($manifest.ExportedCmdlets.Keys | Sort-Object) -join ', '
                Natives = @(Get-ChildItem -Path (Join-Path $moduleFolder 'deps/runtimes') -Directory -ErrorAction Ignore).Count
                Zip     = $zip
            } | Format-List | Out-Host
        }
    }
}
