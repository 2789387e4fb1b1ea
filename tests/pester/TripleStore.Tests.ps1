#Requires -Version 7.6
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The module used the way an ops script uses it: open a store, load a folder of RDF files from
    Get-ChildItem, query it into a CSV report, materialize, back up, restore and compare, and gate on
    health. Run with Pester 5 (build.ps1 -Task Test runs it when pwsh and Pester are installed):

        Invoke-Pester -Path ./tests/pester -Output Detailed

    It imports the packaged module from out/TripleStore/<version>/ (build TripleStore.PowerShell first),
    or the folder named by $env:TRIPLESTORE_MODULE.
#>

Describe 'An ops script using TripleStore' {
    BeforeAll {
        $manifest = if ($env:TRIPLESTORE_MODULE) { $env:TRIPLESTORE_MODULE } else {
            $version = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../TripleStore.psd1')).ModuleVersion
            Join-Path $PSScriptRoot "../../out/TripleStore/$version/TripleStore.psd1"
        }
        Import-Module $manifest -Force -ErrorAction Stop

        # A folder of its own rather than $TestDrive: Pester removes what a Context adds to $TestDrive when
        # that Context ends, and the store's files must outlive each Context.
        $work = Join-Path ([System.IO.Path]::GetTempPath()) ('triplestore-pester-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $work | Out-Null

        $ex = 'http://example.org/library/'
        $data = Join-Path $work 'data'
        New-Item -ItemType Directory -Path $data | Out-Null
        Copy-Item (Join-Path $PSScriptRoot '../../examples/data/sample.ttl') (Join-Path $data 'library.ttl')
        Set-Content -Path (Join-Path $data 'schema.ttl') -Value @"
@prefix ex: <$ex> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Book rdfs:subClassOf ex:Work .
ex:Person rdfs:subClassOf ex:Agent .
"@
        Set-Content -Path (Join-Path $data 'more.nt') -Value @"
<${ex}the-art-of-computer-programming> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${ex}Book> .
<${ex}the-art-of-computer-programming> <http://purl.org/dc/terms/title> "The Art of Computer Programming"@en .
"@
        $store = Open-TripleStore -Path (Join-Path $work 'store')
        $titlesQuery = 'PREFIX dcterms: <http://purl.org/dc/terms/>
            SELECT ?book ?title WHERE { ?book a <http://example.org/library/Book> ; dcterms:title ?title } ORDER BY ?title'
    }

    AfterAll {
        Close-TripleStore -All
        Remove-Module TripleStore -ErrorAction Ignore
        Remove-Item -Recurse -Force -Path $work -ErrorAction Ignore
    }

    Context 'Loading a folder of RDF files' {
        It 'imports every file that Get-ChildItem finds, in one step' {
            $summary = Get-ChildItem -Path $data -File | Import-Rdf

            $summary.Files | Should -Be 3
            $summary.TriplesAdded | Should -BeGreaterThan 40
            (Get-TripleStoreStatistics).Quads | Should -Be $summary.TriplesAdded
        }

        It 'makes the opened store the current one' {
            (Get-TripleStore -Current).Path | Should -Be $store.Path
        }
    }

    Context 'Querying into a report' {
        It 'writes one CSV row per solution' {
            $csv = Join-Path $work 'titles.csv'

            Invoke-Sparql $titlesQuery | Export-Csv -Path $csv -NoTypeInformation

            $rows = @(Import-Csv -Path $csv)
            $rows.Count | Should -Be 5
            $rows[0].PSObject.Properties.Name | Should -Be @('book', 'title')
            $rows.title | Should -Contain 'The Art of Computer Programming'
        }
    }

    Context 'Reasoning' {
        It 'materializes the RDFS entailments' {
            Invoke-Sparql "ASK { <${ex}ada-lovelace> a <${ex}Agent> }" | Should -BeFalse

            Invoke-Materialize -Profile RDFS | Out-Null

            Invoke-Sparql "ASK { <${ex}ada-lovelace> a <${ex}Agent> }" | Should -BeTrue
            @(Invoke-Sparql "SELECT ?w { ?w a <${ex}Work> }").Count | Should -Be 5
        }
    }

    Context 'Backup and restore' {
        It 'restores a verified backup that holds the same statements' {
            $backup = Backup-TripleStore -Destination (Join-Path $work 'backups')
            $backup.Verified | Should -BeTrue

            $restoredPath = Join-Path $work 'restored'
            $result = Restore-TripleStore -Path $backup.Path -Destination $restoredPath -Confirm:$false
            $result.QuadCount | Should -Be $backup.QuadCount

            $copy = Open-TripleStore -Path $restoredPath -ReadOnly
            try {
                $original = @(Export-Rdf -Store $store -Format NQuads | Sort-Object)
                $restored = @(Export-Rdf -Store $copy -Format NQuads | Sort-Object)
                $restored.Count | Should -Be $original.Count
                Compare-Object -ReferenceObject $original -DifferenceObject $restored | Should -BeNullOrEmpty
            }
            finally {
                Close-TripleStore -Store $copy
            }
        }

        It 'refuses to restore over an existing store without -Force' {
            $backup = @(Get-TripleStoreBackup -Path (Join-Path $work 'backups'))[-1]
            { $backup | Restore-TripleStore -Destination (Join-Path $work 'restored') -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'RestoreFailed*'
        }
    }

    Context 'Health gate' {
        It 'lets a runbook go on when the store is healthy' {
            $health = Get-TripleStoreHealth
            $went = if ($health.Status -eq 'Healthy') { 'continue' } else { 'stop: ' + ($health.Reasons -join '; ') }

            $went | Should -Be 'continue'
        }
    }
}
