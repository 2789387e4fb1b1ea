using TripleStore.Tests.Remote;

namespace TripleStore.PowerShell.Tests;

/// <summary>The store cmdlets on a remote store (a private Virtuoso on loopback), opened by changing only the Open-TripleStore line.</summary>
[Collection(ModuleCollection.Name)]
public sealed class RemoteStoreCmdletTests(ModuleFixture module, VirtuosoServer server) : IClassFixture<VirtuosoServer>
{
    [Fact]
    public void The_same_runbook_imports_queries_counts_checks_and_exports_on_a_remote_store()
    {
        using var folder = new TempFolder();
        var data = folder.Write("items.nt", string.Join("\n", Enumerable.Range(0, 95).Select(i => $"<http://example.org/item/{i}> <http://example.org/rank> \"{i}\"^^<http://www.w3.org/2001/XMLSchema#integer> .")));
        var exported = folder.File("items-out.nq");
        var graph = $"http://example.org/ps/{Guid.NewGuid():N}";

        var run = module.Run($$"""
            $store = Open-TripleStore -Endpoint '{{server.SparqlEndpoint}}' -ImportChunkSize 40
            $summary = Import-Rdf '{{data}}' -Graph '{{graph}}'
            "chunks=" + (($summary.Chunks | ForEach-Object { "$($_.Statements):$($_.Landed)" }) -join ',')
            $rows = @(Invoke-Sparql 'SELECT ?s ?r WHERE { GRAPH <{{graph}}> { ?s <http://example.org/rank> ?r } FILTER(?r < 3) } ORDER BY ?r')
            "rows=" + (($rows | ForEach-Object { $_.r }) -join ',')
            "ask=" + (Invoke-Sparql 'ASK { GRAPH <{{graph}}> { <http://example.org/item/94> ?p ?o } }')
            Invoke-Sparql 'DELETE WHERE { GRAPH <{{graph}}> { <http://example.org/item/94> ?p ?o } }' | Out-Null
            "after-delete=" + (Invoke-Sparql 'ASK { GRAPH <{{graph}}> { <http://example.org/item/94> ?p ?o } }')
            "count=" + (Get-TripleStoreStatistics).GraphCounts.Values.Where({ $_ -eq 95 }).Count
            "health=" + (Get-TripleStoreHealth).Status
            $export = Export-Rdf '{{exported}}' -Graph '{{graph}}'
            "exported=" + $export.StatementCount
            "type=" + $store.GetType().Name
            Close-TripleStore
            """);

        Assert.True(run.Errors.Count == 0, string.Join("\n", run.Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e.Exception.Message}")));
        Assert.Equal(new[] { "chunks=40:True,40:True,15:True", "rows=0,1,2", "ask=True", "after-delete=False", "count=0", "health=Healthy", "exported=94", "type=RemoteStore" },
            run.Output.Select(o => o.ToString()));
        Assert.Equal(94, File.ReadAllLines(exported).Length);
    }

    [Fact]
    public void Add_Triple_Remove_Triple_and_Clear_TripleStore_change_a_remote_store_in_bounded_requests()
    {
        var graph = $"http://example.org/ps-write/{Guid.NewGuid():N}";
        var other = $"http://example.org/ps-write/{Guid.NewGuid():N}";

        var run = module.Run($$"""
            Open-TripleStore -Endpoint '{{server.SparqlEndpoint}}' -ImportChunkSize 4 | Out-Null
            $count = { param($g) (Invoke-Sparql "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <$g> { ?s ?p ?o } }").n }
            $added = 0..9 | ForEach-Object { [pscustomobject]@{ Subject = "http://example.org/item/$_"; Predicate = 'http://example.org/rank'; Object = $_; Graph = '{{graph}}' } } | Add-Triple
            "added=$($added.Requested)/$($added.Added) count=$(& $count '{{graph}}')"
            "rank7=" + (Invoke-Sparql 'ASK { GRAPH <{{graph}}> { <http://example.org/item/7> <http://example.org/rank> 7 } }')
            Add-Triple 'http://example.org/a' 'http://example.org/p' 'kept' -Graph '{{other}}' | Out-Null
            $removed = 0..5 | ForEach-Object { [pscustomobject]@{ Subject = "http://example.org/item/$_"; Predicate = 'http://example.org/rank'; Object = $_; Graph = '{{graph}}' } } | Remove-Triple -Confirm:$false
            "removed=$($removed.Requested)/$($removed.Removed) count=$(& $count '{{graph}}')"
            "rank7=" + (Invoke-Sparql 'ASK { GRAPH <{{graph}}> { <http://example.org/item/7> <http://example.org/rank> 7 } }')
            Remove-Triple '_:b' 'http://example.org/p' 'x' -Graph '{{graph}}' -Confirm:$false
            $cleared = Clear-TripleStore -Graph '{{graph}}' -Confirm:$false
            "cleared=$($cleared.Graph) $($cleared.Removed) count=$(& $count '{{graph}}') other=$(& $count '{{other}}')"
            Clear-TripleStore -Graph '{{other}}' -Confirm:$false | Out-Null
            "other=$(& $count '{{other}}')"
            Close-TripleStore
            """);

        var error = Assert.Single(run.Errors);
        Assert.StartsWith("RemoteNotSupported", error.FullyQualifiedErrorId);
        Assert.Equal(new[]
        {
            "added=10/10 count=10", "rank7=True",
            "removed=6/6 count=4", "rank7=True",
            $"cleared={graph} -1 count=0 other=1", "other=0",
        }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Import_and_export_go_through_the_digest_protected_graph_store_with_a_credential()
    {
        using var folder = new TempFolder();
        var data = folder.Write("gsp.nt", string.Join("\n", Enumerable.Range(0, 50).Select(i => $"<http://example.org/gsp/{i}> <http://example.org/rank> \"{i}\"^^<http://www.w3.org/2001/XMLSchema#integer> .")));
        var exported = folder.File("gsp-out.nq");
        var graph = $"http://example.org/ps-gsp/{Guid.NewGuid():N}";

        var run = module.Run($$"""
            $cred = [pscredential]::new('dba', [System.Net.NetworkCredential]::new('dba', 'dba').SecurePassword)
            Open-TripleStore -Endpoint '{{server.SparqlEndpoint}}' -GraphStoreEndpoint '{{server.GraphStoreAuthEndpoint}}' -Credential $cred -ImportChunkSize 20 | Out-Null
            $summary = Import-Rdf '{{data}}' -Graph '{{graph}}'
            "chunks=" + (($summary.Chunks | ForEach-Object { "$($_.Statements):$($_.Landed)" }) -join ',')
            "count=" + (Invoke-Sparql 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH <{{graph}}> { ?s ?p ?o } }').n
            "exported=" + (Export-Rdf '{{exported}}' -Graph '{{graph}}').StatementCount
            Close-TripleStore
            $bad = [pscredential]::new('dba', [System.Net.NetworkCredential]::new('dba', 'wrong').SecurePassword)
            Open-TripleStore -Endpoint '{{server.SparqlEndpoint}}' -GraphStoreEndpoint '{{server.GraphStoreAuthEndpoint}}' -Credential $bad -Resilience @{ MaxRetryAttempts = 0 } | Out-Null
            $failed = Import-Rdf '{{data}}' -Graph '{{graph}}-denied'
            "denied=" + (($failed.Chunks | ForEach-Object { "$($_.Landed)" }) -join ',')
            Close-TripleStore
            """);

        Assert.Equal(new[] { "chunks=20:True,20:True,10:True", "count=50", "exported=50", "denied=False" }, run.Output.Select(o => o.ToString()));
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("RemoteImportIncomplete", error.FullyQualifiedErrorId);
        Assert.Contains("HTTP 401", error.Exception.Message);
        Assert.Equal(50, File.ReadAllLines(exported).Length);
    }

    [Fact]
    public void Clearing_every_graph_or_the_default_graph_of_Virtuoso_is_an_error_record_and_changes_nothing()
    {
        var graph = $"http://example.org/ps-clear/{Guid.NewGuid():N}";
        var run = module.Run($$"""
            Open-TripleStore -Endpoint '{{server.SparqlEndpoint}}' -Resilience @{ MaxRetryAttempts = 0 } | Out-Null
            Invoke-Sparql 'INSERT DATA { GRAPH <{{graph}}> { <http://example.org/a> <http://example.org/p> 1 } }' | Out-Null
            Clear-TripleStore -All -Confirm:$false
            Clear-TripleStore -DefaultGraph -Confirm:$false
            Invoke-Sparql 'CLEAR DEFAULT' | Out-Null
            "left=" + (Invoke-Sparql 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH <{{graph}}> { ?s ?p ?o } }').n
            Invoke-Sparql 'DROP SILENT GRAPH <{{graph}}>' | Out-Null
            "dropped=" + (Invoke-Sparql 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH <{{graph}}> { ?s ?p ?o } }').n
            Close-TripleStore
            """);

        Assert.Equal(new[] { "left=1", "dropped=0" }, run.Output.Select(o => o.ToString()));
        Assert.Equal(3, run.Errors.Count);
        Assert.StartsWith("RemoteNotSupported", run.Errors[0].FullyQualifiedErrorId);
        Assert.Contains("still holds triples", run.Errors[0].Exception.Message);
        Assert.StartsWith("RemoteEndpointError", run.Errors[1].FullyQualifiedErrorId);
        Assert.Contains("default graph", run.Errors[1].Exception.Message);
        Assert.StartsWith("RemoteEndpointError", run.Errors[2].FullyQualifiedErrorId);
    }

    [Fact]
    public void Remote_errors_are_error_records_with_stable_ids_and_embedded_only_cmdlets_refuse_clearly()
    {
        var run = module.Run($$"""
            Open-TripleStore -Endpoint '{{server.SparqlEndpoint}}' | Out-Null
            Invoke-Sparql 'SELECT * WHERE { ?s ?p ?o FILTER(nosuch:f(?o)) }'
            Invoke-Sparql 'SELECT * WHERE { ?s ?p ?o } LIMIT 1' -Explain
            Close-TripleStore
            """);

        Assert.Equal(2, run.Errors.Count);
        Assert.StartsWith("RemoteEndpointError", run.Errors[0].FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ProtocolError, run.Errors[0].CategoryInfo.Category);
        Assert.Contains(server.SparqlEndpoint.ToString(), run.Errors[0].Exception.Message);
        Assert.StartsWith("RemoteNotSupported", run.Errors[1].FullyQualifiedErrorId);
    }

    [Fact]
    public void An_unreachable_endpoint_reports_unhealthy_rather_than_throwing()
    {
        var run = module.Run("""
            Open-TripleStore -Endpoint 'http://127.0.0.1:9/sparql' -Resilience @{ MaxRetryAttempts = 1; RetryBaseDelay = 0.05; Timeout = 2 } | Out-Null
            $h = Get-TripleStoreHealth
            "$($h.Status) $(($h.Checks | Where-Object Name -eq 'Reachable').Value)"
            Close-TripleStore
            """);

        Assert.Empty(run.Errors);
        Assert.Equal("Unhealthy RemoteEndpointUnavailable", run.Single().ToString());
    }
}
