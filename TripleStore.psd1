# Module manifest for TripleStore.
#
# This file is the single source of the module's metadata. At the repository root it loads the module
# straight from the build output (out/TripleStore/<version>/), so `Import-Module ./TripleStore.psd1`
# works after `dotnet build`. The build copies it into that folder with the 'out/TripleStore/<version>/'
# prefix removed from RootModule and FormatsToProcess; that copy is the manifest that ships.
@{
    RootModule           = 'out/TripleStore/0.1.0/TripleStore.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '6f1d5a3e-2b8c-4d7e-9a41-3c5e8b2f7d10'
    Author               = 'TripleStore contributors'
    CompanyName          = 'TripleStore contributors'
    Copyright            = '(c) TripleStore contributors. MIT License.'
    Description          = 'An embedded RDF triple store for PowerShell: open stores in folders, import and export N-Triples, N-Quads, Turtle, TriG and RDF/XML, query them with SPARQL 1.1, back them up and check their health; check and convert RDF files.'
    PowerShellVersion    = '7.6'
    FormatsToProcess     = @('out/TripleStore/0.1.0/TripleStore.format.ps1xml')
    CmdletsToExport      = @(
        'Add-Triple'
        'Backup-TripleStore'
        'Clear-TripleStore'
        'Clear-TripleStoreCache'
        'Close-TripleStore'
        'Convert-Rdf'
        'Export-Rdf'
        'Get-TripleStore'
        'Get-TripleStoreBackup'
        'Get-TripleStoreConfiguration'
        'Get-TripleStoreHealth'
        'Get-TripleStoreMetrics'
        'Get-TripleStoreReasoningStatus'
        'Get-TripleStoreServer'
        'Get-TripleStoreStatistics'
        'Import-Rdf'
        'Invoke-Materialize'
        'Invoke-Sparql'
        'Invoke-TripleStoreBenchmark'
        'Invoke-TripleStoreTransaction'
        'Open-TripleStore'
        'Remove-Triple'
        'Remove-TripleStoreMaterialization'
        'Restore-TripleStore'
        'Start-TripleStoreServer'
        'Stop-TripleStoreServer'
        'Test-Rdf'
        'Test-TripleStore'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('RDF', 'TripleStore', 'SPARQL', 'Turtle', 'NTriples', 'NQuads', 'TriG', 'RdfXml', 'RDFS', 'OWL', 'Reasoning', 'RocksDB', 'SemanticWeb', 'LinkedData', 'KnowledgeGraph', 'Backup', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/triplestore/triplestore'
            LicenseUri   = 'https://github.com/triplestore/triplestore/blob/main/LICENSE'
            ReleaseNotes = @'
0.1.0
- Embedded RocksDB stores in a folder: Open-TripleStore, Close-TripleStore, Get-TripleStore (several open at once; a session-level current store; removing the module closes them all).
- Atomic Import-Rdf (files from Get-ChildItem, progress, Ctrl+C leaves the store unchanged) and streaming Export-Rdf; Test-Rdf and Convert-Rdf for N-Triples, N-Quads, Turtle, TriG and RDF/XML, gzipped or not.
- Invoke-Sparql: SPARQL 1.1 queries streamed as typed objects, parameters bound as RDF terms, -As Json/Xml/Csv/Tsv, -Explain.
- Operations: online verified Backup-TripleStore with rotation, Get-TripleStoreBackup, Restore-TripleStore, Get-TripleStoreHealth for runbooks, Test-TripleStore integrity checks and repair.
- Native feel: full Get-Help with runnable examples and an about_TripleStore topic; table and list views; Tab completion of formats, graphs, presets, reasoning profiles and SPARQL prefixes; stores, paths and queries from the pipeline; -WhatIf/-Confirm on every change; stable error ids.
- Dependencies load in their own AssemblyLoadContext; native librocksdb for linux-x64, linux-arm64, win-x64, osx-x64 and osx-arm64.
'@
        }
    }
}
