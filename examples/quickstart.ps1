# Quickstart: check a Turtle file, load it into an embedded store, look at the store, query it with
# SPARQL, export it, and convert the file to N-Triples.
#
#   dotnet run --project src/TripleStore.Host -- -File examples/quickstart.ps1
#   pwsh -File examples/quickstart.ps1          (after dotnet build; imports ./TripleStore.psd1)
#
# The store lives in ./.store/quickstart and the files it writes in ./out/quickstart; both can be
# chosen with -StorePath and -OutputFolder. Running it again adds nothing new: the store keeps sets.
param(
    [string]$StorePath = (Join-Path (Get-Location) '.store/quickstart'),
    [string]$OutputFolder = (Join-Path (Get-Location) 'out/quickstart')
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module TripleStore)) { Import-Module (Join-Path $PSScriptRoot '../TripleStore.psd1') }

$sample = Join-Path $PSScriptRoot 'data/sample.ttl'
New-Item -ItemType Directory -Force -Path $OutputFolder | Out-Null

# 1. Validate without loading: one result per file; .Valid is what a script tests.
$check = Test-Rdf -Path $sample
$check | Out-Host
if (-not $check.Valid) {
    $check.Errors | Format-Table Line, Column, Message | Out-Host
    throw "The sample has $($check.ErrorCount) syntax errors."
}

# 2. Open (or create) the embedded store; it becomes the session's current store.
$store = Open-TripleStore -Path $StorePath
$store | Out-Host

try {
    # 3. Import: atomic (all files or none), with progress on a terminal.
    Import-Rdf -Path $sample | Out-Host

    # 4. What the store holds.
    Get-TripleStoreStatistics | Out-Host

    # 5. Query with SPARQL: one object per solution, values as native .NET types ([long] pages here).
    #    -Parameters binds ?author as an IRI; values are never pasted into the query text.
    'Books by Alan Turing, with their page counts:'
    Invoke-Sparql -Parameters @{ author = [uri]'http://example.org/library/alan-turing' } -Query '
        PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX schema:  <http://schema.org/>
        SELECT ?title ?pages WHERE {
            ?book dcterms:creator ?author ; dcterms:title ?title .
            OPTIONAL { ?book schema:numberOfPages ?pages }
        } ORDER BY ?title' | Format-Table -AutoSize | Out-Host

    # 6. Export the whole store as N-Quads, and peek at a few statements through the pipeline.
    Export-Rdf -Path (Join-Path $OutputFolder 'library.nq') | Out-Host
    'A few statements, straight from the store:'
    Export-Rdf -Format NTriples | Select-Object -First 3
}
finally {
    Close-TripleStore -Store $store
}

# 7. Files convert without a store too, streaming.
Convert-Rdf -Path $sample -Destination (Join-Path $OutputFolder 'sample.nt') | Out-Host
