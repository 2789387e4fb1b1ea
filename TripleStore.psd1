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
    Description          = 'An embedded RDF triple store for PowerShell: open stores in folders, import and export N-Triples, N-Quads, Turtle, TriG and RDF/XML, check and convert files.'
    PowerShellVersion    = '7.6'
    FormatsToProcess     = @('out/TripleStore/0.1.0/TripleStore.format.ps1xml')
    CmdletsToExport      = @(
        'Backup-TripleStore'
        'Clear-TripleStoreCache'
        'Close-TripleStore'
        'Convert-Rdf'
        'Export-Rdf'
        'Get-TripleStore'
        'Get-TripleStoreBackup'
        'Get-TripleStoreConfiguration'
        'Get-TripleStoreHealth'
        'Get-TripleStoreMetrics'
        'Get-TripleStoreStatistics'
        'Import-Rdf'
        'Invoke-Sparql'
        'Invoke-TripleStoreBenchmark'
        'Open-TripleStore'
        'Restore-TripleStore'
        'Test-Rdf'
        'Test-TripleStore'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('RDF', 'TripleStore', 'Turtle', 'NTriples', 'NQuads', 'TriG', 'RdfXml', 'SemanticWeb', 'LinkedData', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/triplestore/triplestore'
            LicenseUri   = 'https://github.com/triplestore/triplestore/blob/main/LICENSE'
            ReleaseNotes = '0.1.0: embedded RocksDB-backed stores (Open-TripleStore, Close-TripleStore, Get-TripleStore, Get-TripleStoreStatistics), atomic Import-Rdf and streaming Export-Rdf; Convert-Rdf and Test-Rdf for N-Triples, N-Quads, Turtle, TriG and RDF/XML files.'
        }
    }
}
