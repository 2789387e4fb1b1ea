# Quickstart: check a Turtle file, then convert it to N-Triples.
#
#   dotnet run --project src/TripleStore.Host -- -File examples/quickstart.ps1
#   pwsh -File examples/quickstart.ps1          (after dotnet build, with the module imported from the repository root)
#
# The output folder defaults to ./out/quickstart; pass -OutputFolder to choose another.
param(
    [string]$OutputFolder = (Join-Path (Get-Location) 'out/quickstart')
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module TripleStore)) { Import-Module (Join-Path $PSScriptRoot '../TripleStore.psd1') }

$sample = Join-Path $PSScriptRoot 'data/sample.ttl'

# 1. Validate: one result per file; .Valid is what a script tests.
$check = Test-Rdf -Path $sample
$check | Out-Host
if (-not $check.Valid) {
    $check.Errors | Format-Table Line, Column, Message
    throw "The sample has $($check.ErrorCount) syntax errors."
}

# 2. Convert: streaming, so the same works for files far larger than memory.
New-Item -ItemType Directory -Force -Path $OutputFolder | Out-Null
$converted = Convert-Rdf -Path $sample -Destination (Join-Path $OutputFolder 'sample.nt')
$converted | Out-Host

# 3. The N-Triples output is one statement per line.
"First statements of $($converted.Destination):"
Get-Content -Path $converted.Destination -TotalCount 3
