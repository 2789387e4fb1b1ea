using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;

namespace TripleStore.PowerShell.Tests;

/// <summary>Configuration, metrics, logging to the PowerShell streams and error records, through the packaged module.</summary>
[Collection(ModuleCollection.Name)]
public sealed class TelemetryCmdletTests(ModuleFixture module)
{
    /// <summary>Runs a script in a fresh runspace and keeps every stream.</summary>
    private (Collection<PSObject> Output, PSDataStreams Streams) RunAll(string script)
    {
        using var runspace = module.OpenRunspace();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        var output = ps.Invoke();
        return (output, ps.Streams);
    }

    [Fact]
    public void Open_with_a_preset_and_options_and_the_configuration_shows_each_value_and_its_source()
    {
        using var folder = new TempFolder();
        var run = module.Run($$"""
            $s = Open-TripleStore '{{folder.File("store")}}' -Preset QueryHeavy -Option @{ MaxResultRows = 500; QueryTimeout = '45s' }
            $c = @(Get-TripleStoreConfiguration)
            $c[0].GetType().FullName
            $c.Count
            ($c | Where-Object Key -eq 'MaxResultRows' | ForEach-Object { "$($_.DisplayValue)|$($_.Source)" })
            ($c | Where-Object Key -eq 'QueryTimeout' | ForEach-Object { "$($_.DisplayValue)|$($_.Source)" })
            ($c | Where-Object Key -eq 'BloomFilterBitsPerKey' | ForEach-Object { "$($_.DisplayValue)|$($_.Source)" })
            ($c | Where-Object Key -eq 'Level0CompactionTrigger' | ForEach-Object { "$($_.DisplayValue)|$($_.Source)|$($_.Preset)" })
            (Get-TripleStoreConfiguration -Key 'Block*').Key -join ','
            """);

        Assert.Empty(run.Errors.Select(e => e.ToString()));
        Assert.Equal(new[] { "TripleStore.PowerShell.TripleStoreSetting", "43", "500|Parameter", "00:00:45|Parameter", "14|Preset", "4|Default|QueryHeavy",
            "BlockCacheBytes,BlockSizeBytes" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void The_query_engine_warmup_is_a_setting_open_takes_as_an_option()
    {
        using var folder = new TempFolder();
        var run = module.Run($$"""
            $s = Open-TripleStore '{{folder.File("store")}}' -Option @{ QueryEngineWarmup = $true }
            Get-TripleStoreConfiguration -Key QueryEngineWarmup | ForEach-Object { "$($_.DisplayValue)|$($_.Source)" }
            @(Invoke-Sparql 'ASK { ?s ?p ?o }') -join ','
            Close-TripleStore
            Get-TripleStoreConfiguration -Key QueryEngineWarmup | ForEach-Object { "$($_.DisplayValue)|$($_.Source)" }
            """);

        Assert.Empty(run.Errors.Select(e => e.ToString()));
        Assert.Equal(new[] { "true|Parameter", "False", "false|Default" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void A_would_be_open_resolves_the_file_and_environment_without_opening_anything()
    {
        using var folder = new TempFolder();
        var file = folder.Write("store.json", """{ "Preset": "BulkLoad", "Limits": { "MaxResultRows": 1234 } }""");
        var run = module.Run($$"""
            $env:TRIPLESTORE_MAX_BACKGROUND_JOBS = '3'
            try {
                Get-TripleStoreConfiguration -ConfigurationFile '{{file}}' -Option @{ WalSync = 'EveryCommit' } |
                    Where-Object { $_.Key -in 'MaxResultRows', 'MaxBackgroundJobs', 'WalSync', 'WriteBufferBytes' } |
                    ForEach-Object { "$($_.Key)=$($_.DisplayValue)|$($_.Source)" }
            } finally { Remove-Item Env:TRIPLESTORE_MAX_BACKGROUND_JOBS }
            """);

        Assert.Empty(run.Errors.Select(e => e.ToString()));
        Assert.Equal(new[] { $"WriteBufferBytes={256L << 20}|Preset", "MaxBackgroundJobs=3|Environment", "WalSync=EveryCommit|Parameter", "MaxResultRows=1234|File" },
            run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void A_bad_option_is_a_ConfigurationInvalid_error_before_anything_opens_and_Stop_makes_it_catchable()
    {
        using var folder = new TempFolder();
        var store = folder.File("never");
        var run = module.Run($$"""
            Open-TripleStore '{{store}}' -Option @{ Compression = 'gzip' }
            try { Open-TripleStore '{{store}}' -Option @{ NoSuchKey = 1 } -ErrorAction Stop; 'not reached' }
            catch { "caught $($_.FullyQualifiedErrorId) $($_.CategoryInfo.Category)" }
            """);

        var error = Assert.Single(run.Errors);
        Assert.StartsWith("ConfigurationInvalid", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("'Compression'", error.Exception.Message);
        Assert.Contains("None, Snappy, Lz4, Zstd", error.Exception.Message);
        Assert.StartsWith("caught ConfigurationInvalid", run.Output.Single().ToString());
        Assert.EndsWith("InvalidArgument", run.Output.Single().ToString());
        Assert.False(Directory.Exists(store));
    }

    [Fact]
    public void Metrics_come_as_Prometheus_text_and_as_objects_with_the_query_counted()
    {
        using var folder = new TempFolder();
        var data = folder.Write("book.ttl", RdfSamples.ValidTurtle);
        var run = module.Run($$"""
            Open-TripleStore '{{folder.File("store")}}' | Out-Null
            Import-Rdf '{{data}}' | Out-Null
            $before = @(Get-TripleStoreMetrics -Name 'triplestore_query_duration_seconds_count' | Where-Object { $_.Labels['triplestore_query_form'] -eq 'select' })
            Invoke-Sparql 'SELECT * WHERE { ?s ?p ?o }' | Out-Null
            $text = Get-TripleStoreMetrics -Format Prometheus
            $text.GetType().FullName
            $text
            $after = @(Get-TripleStoreMetrics -Name 'triplestore_query_duration_seconds_count' | Where-Object { $_.Labels['triplestore_query_form'] -eq 'select' })
            $after[0].GetType().FullName
            $after[0].Type
            $(if ($before.Count) { $before[0].Value } else { 0 })
            $after[0].Value
            """);

        Assert.Empty(run.Errors.Select(e => e.ToString()));
        Assert.Equal("System.String", run.Output[0].ToString());
        var series = ParsePrometheus(run.Output[1].ToString());
        Assert.True(series["triplestore_query_rows_count{triplestore_query_form=\"select\"}"] >= 1);
        Assert.True(series["triplestore_import_statements_total"] >= RdfSamples.ValidTurtleStatements);
        Assert.True(series.ContainsKey("triplestore_rocksdb_memtable_size_bytes"));
        Assert.Equal("TripleStore.PowerShell.TripleStoreMetric", run.Output[2].ToString());
        Assert.Equal("histogram", run.Output[3].ToString());
        Assert.True(double.Parse(run.Output[5].ToString(), CultureInfo.InvariantCulture) >= double.Parse(run.Output[4].ToString(), CultureInfo.InvariantCulture) + 1);
    }

    private static Dictionary<string, double> ParsePrometheus(string text) =>
        text.Split('\n').Where(l => l.Length > 0 && l[0] != '#')
            .ToDictionary(l => l[..l.LastIndexOf(' ')], l => l[(l.LastIndexOf(' ') + 1)..] is "+Inf" ? double.PositiveInfinity : double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    [Fact]
    public void Verbose_shows_the_store_opened_and_the_import_rate_and_Debug_the_plan()
    {
        using var folder = new TempFolder();
        var data = folder.Write("book.ttl", RdfSamples.ValidTurtle);
        var (_, streams) = RunAll($$"""
            Open-TripleStore '{{folder.File("store")}}' -Verbose | Out-Null
            Import-Rdf '{{data}}' -Verbose | Out-Null
            Invoke-Sparql 'SELECT * WHERE { ?s ?p ?o }' -Debug -ErrorAction Stop | Out-Null
            Get-TripleStoreStatistics | Out-Null
            """);

        Assert.Empty(streams.Error.Select(e => e.ToString()));
        var verbose = streams.Verbose.Select(v => v.Message).ToList();
        Assert.Contains(verbose, m => m.StartsWith("Opened the store at", StringComparison.Ordinal));
        Assert.Contains(verbose, m => m.StartsWith("Imported 4 statements", StringComparison.Ordinal) && m.Contains("statements/s", StringComparison.Ordinal));
        Assert.Contains(streams.Information, i => i.Tags.Contains("TripleStore") && i.MessageData.ToString()!.StartsWith("Imported", StringComparison.Ordinal));
        Assert.Contains(streams.Debug, d => d.Message.StartsWith("Plan chosen for a Select query", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_Verbose_no_engine_log_reaches_the_streams()
    {
        using var folder = new TempFolder();
        var (_, streams) = RunAll($"Open-TripleStore '{folder.File("store")}' | Out-Null");
        Assert.Empty(streams.Verbose);
        Assert.Empty(streams.Information);
    }

    /// <summary>Each error path: the script, the ErrorId (stable code) and the category scripts see.</summary>
    public static TheoryData<string, string, ErrorCategory> ErrorPaths => new()
    {
        { "Import-Rdf '{bad}'", "RdfSyntaxError", ErrorCategory.ParserError },
        { "Import-Rdf '{missing}'", "FileNotFound", ErrorCategory.ObjectNotFound },
        { "Invoke-Sparql 'SELECT WHERE {'", "SparqlSyntaxError", ErrorCategory.ParserError },
        { "Close-TripleStore; Get-TripleStoreStatistics", "StoreClosed", ErrorCategory.InvalidOperation },
        { "Close-TripleStore; Open-TripleStore '{store}' -ReadOnly | Out-Null; Import-Rdf '{good}'", "StoreReadOnly", ErrorCategory.PermissionDenied },
        { "Open-TripleStore '{store}' -ReadOnly", "StoreLocked", ErrorCategory.ResourceBusy },
        { "Open-TripleStore '{other}' -Option @{ MaxOpenFiles = 'many' }", "ConfigurationInvalid", ErrorCategory.InvalidArgument },
        { "Open-TripleStore '{other}' -Preset QueryHeavy -ConfigurationFile '{missing}'", "ConfigurationInvalid", ErrorCategory.InvalidArgument },
        { "Close-TripleStore; Open-TripleStore '{other}' -Option @{ MaxResultRows = 2 } | Out-Null; Import-Rdf '{good}' | Out-Null; Invoke-Sparql 'SELECT * WHERE { ?s ?p ?o }' | Out-Null", "LimitExceeded", ErrorCategory.LimitsExceeded },
        { "Close-TripleStore; Open-TripleStore '{other}' -Option @{ MaxImportBytes = 10 } | Out-Null; Import-Rdf '{good}'", "LimitExceeded", ErrorCategory.LimitsExceeded },
        { "Backup-TripleStore -Destination '{store}/inside'", "BackupFailed", ErrorCategory.WriteError },
        { "$b = Backup-TripleStore -Destination '{folder}/b'; [IO.Directory]::CreateDirectory('{other}') | Out-Null; [IO.File]::WriteAllText('{other}/x', 'x'); Restore-TripleStore -Path $b.Path -Destination '{other}' -Confirm:$false", "RestoreFailed", ErrorCategory.WriteError },
    };

    [Theory]
    [MemberData(nameof(ErrorPaths))]
    public void Each_error_path_has_its_stable_code_and_category_and_stops_under_ErrorAction_Stop(string action, string code, ErrorCategory category)
    {
        using var folder = new TempFolder();
        var script = action
            .Replace("{bad}", folder.Write("bad.nt", RdfSamples.NTriplesWithErrorAtLine2Column27))
            .Replace("{good}", folder.Write("good.ttl", RdfSamples.ValidTurtle))
            .Replace("{missing}", folder.File("missing.ttl"))
            .Replace("{store}", folder.File("store"))
            .Replace("{other}", folder.File("other"))
            .Replace("{folder}", folder.Path);
        var run = module.Run($$"""
            Open-TripleStore '{{folder.File("store")}}' | Out-Null
            $ErrorActionPreference = 'Stop'
            try { {{script}}; 'no error' }
            catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category.ToString(); $_.Exception.GetType().Name }
            """);

        Assert.Empty(run.Errors.Select(e => e.ToString()));
        Assert.True(run.Output.Count == 3, string.Join(" / ", run.Output));
        Assert.StartsWith(code, run.Output[0].ToString());
        Assert.Equal(category.ToString(), run.Output[1].ToString());
        Assert.EndsWith("Exception", run.Output[2].ToString());
    }

    [Fact]
    public void Safe_messages_hide_paths_and_inner_exceptions()
    {
        using var folder = new TempFolder();
        var missing = folder.File("secret-folder-name.ttl");
        var run = module.Run($$"""
            Open-TripleStore '{{folder.File("store")}}' -Option @{ SafeMessages = $true } | Out-Null
            Import-Rdf '{{missing}}'
            """);

        var error = Assert.Single(run.Errors);
        Assert.StartsWith("FileNotFound", error.FullyQualifiedErrorId);
        Assert.DoesNotContain(folder.Path, error.ToString());
        Assert.DoesNotContain(folder.Path, error.Exception.Message);
        Assert.Contains("<path>", error.Exception.Message);
        Assert.Null(error.Exception.InnerException);
        Assert.Null(error.TargetObject);
    }
}
