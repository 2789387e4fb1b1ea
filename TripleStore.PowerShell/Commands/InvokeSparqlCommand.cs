using System.Collections;
using System.Management.Automation;
using TripleStore.Formats.SparqlResults;
using TripleStore.PowerShell.Queries;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Sparql.Update;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Runs a SPARQL 1.1 query or update over a store; queries stream their results.</para>
/// <para type="description">SELECT writes one object per solution as soon as it is found; ASK writes a
/// [bool]; CONSTRUCT and DESCRIBE write triple objects. -Parameters binds variables to typed values
/// without ever putting them into the query text. An update request (INSERT, DELETE, CLEAR, LOAD...) runs
/// atomically and writes a SparqlUpdateResult; with -WhatIf it reports what it would change.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "Sparql", DefaultParameterSetName = TextSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PSObject), typeof(bool), typeof(RdfTripleObject), typeof(RdfTermObject), typeof(string), typeof(SparqlPlanOperator), typeof(SparqlUpdateResult))]
public sealed class InvokeSparqlCommand : StoreCmdlet
{
    private const string TextSet = "Query";
    private const string FileSet = "Path";

    private Dictionary<string, Term>? _parameters;

    /// <summary>The query text.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = TextSet)]
    [ArgumentCompleter(typeof(SparqlPrefixCompleter))]
    [ValidateNotNullOrEmpty]
    public string Query { get; set; } = "";

    /// <summary>A file (usually .rq) holding the query; wildcards run every match.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = FileSet)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The longest the query may run: seconds or a TimeSpan. Default: the store's DefaultQueryTimeout.</summary>
    [Parameter]
    [TimeoutTransformation]
    public TimeSpan Timeout { get; set; }

    /// <summary>Variables to bind, by name (without '?'): strings, numbers, bools, dates, absolute [uri]s or term objects.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? Parameters { get; set; }

    /// <summary>Write solutions' values as term objects instead of native .NET values.</summary>
    [Parameter]
    public SwitchParameter AsTerm { get; set; }

    /// <summary>Write the whole result as one string in a standard results format: Json, Xml, Csv or Tsv.</summary>
    [Parameter]
    [ValidateSet("Json", "Xml", "Csv", "Tsv", IgnoreCase = true)]
    public string? As { get; set; }

    /// <summary>Run the query to the end and write its plan: one object per operator with estimated and actual rows.</summary>
    [Parameter]
    public SwitchParameter Explain { get; set; }

    /// <summary>Folders that LOAD in an update request may read files from (with their subfolders). By default LOAD of files is refused.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? AllowLoadPath { get; set; }

    private const int SampleSize = 10;

    /// <summary>Leave out the triples a materialization derived: the query sees only asserted triples.</summary>
    [Parameter]
    public SwitchParameter ExcludeInferred { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (Parameters is null) return;
        _parameters = new Dictionary<string, Term>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Parameters)
        {
            var name = (entry.Key?.ToString() ?? "").TrimStart('?', '$');
            try
            {
                if (name.Length == 0) throw new ArgumentException("A parameter name is empty.");
                _parameters[name] = TermConversion.FromValue(entry.Value is PSObject ps ? ps.BaseObject : entry.Value, name);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                ThrowEngineError(new TripleStoreException(ErrorCodes.Configuration, ErrorKind.InvalidArgument,
                    $"-Parameters: {ex.Message}", ex), entry.Key);
            }
        }
    }

    protected override void ProcessRecord()
    {
        var store = TargetStore();
        if (ParameterSetName == TextSet)
        {
            Run(store, Query, Query);
            return;
        }
        foreach (var file in ResolveFilePaths(Path))
        {
            if (!File.Exists(file))
            {
                WriteEngineError(new TripleStoreException(ErrorCodes.FileNotFound, ErrorKind.NotFound, $"File not found: {file}"), file);
                continue;
            }
            Run(store, File.ReadAllText(file), file);
        }
    }

    private void Run(RdfStore store, string text, object target)
    {
        // Updates and queries are told apart by parsing: a request that parses as an update is one.
        SparqlUpdate? update = null;
        TripleStoreException? updateError = null;
        try
        {
            update = SparqlUpdate.Parse(text);
        }
        catch (TripleStoreException ex)
        {
            updateError = ex;
        }
        if (update is not null)
        {
            RunUpdate(store, text, update, target);
            return;
        }
        var transaction = Session.TransactionFor(store);
        var options = new QueryOptions
        {
            CancellationToken = StopToken,
            Parameters = _parameters,
            IncludeDerived = !ExcludeInferred.IsPresent,
            Timeout = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) ? Timeout : null,
        };
        try
        {
            if (Explain)
            {
                WritePlan(store.Explain(text, options), 0);
                return;
            }
            // Inside Invoke-TripleStoreTransaction a query sees the transaction's own writes.
            var result = transaction is not null ? transaction.Query(text, options) : store.Query(text, options);
            if (As is not null)
            {
                WriteSerialized(result, target);
                return;
            }
            switch (result)
            {
                case SolutionSequence rows:
                    var names = rows.Variables;
                    // Each solution goes down the pipeline as soon as the engine yields it.
                    foreach (var row in rows) WriteObject(Solution(names, row));
                    break;
                case BooleanResult answer:
                    WriteObject(answer.Value);
                    break;
                case GraphResult triples:
                    foreach (var triple in triples) WriteObject(TermConversion.ToTripleObject(triple));
                    break;
            }
        }
        catch (TripleStoreException ex) when (ex.ErrorCode == ErrorCodes.Canceled && StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (TripleStoreException ex) when (ex.ErrorCode == ErrorCodes.QuerySyntax && updateError is not null && UpdateKeyword(text))
        {
            // It starts like an update, so the update parser's message is the one that helps.
            WriteEngineError(updateError, target);
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, target);
        }
    }

    private static readonly System.Text.RegularExpressions.Regex Prologue = new(
        @"\A(?:\s+|#[^\n]*\n?|(?i:BASE)\s*<[^>]*>|(?i:PREFIX)\s*[^\s:]*:\s*<[^>]*>)*",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly System.Text.RegularExpressions.Regex UpdateStart = new(
        @"\G(?i:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>Whether the first keyword after the prologue starts an update operation.</summary>
    private static bool UpdateKeyword(string text)
    {
        var prologue = Prologue.Match(text);
        return UpdateStart.IsMatch(text, prologue.Length);
    }

    private void RunUpdate(RdfStore store, string text, SparqlUpdate update, object target)
    {
        string? misuse = Parameters is not null ? "-Parameters binds query variables; an update request takes no parameters (put the values in the request, or use Add-Triple)"
            : As is not null ? "-As formats query results; an update request writes a SparqlUpdateResult"
            : Explain ? "-Explain shows query plans; an update request has none"
            : AsTerm ? "-AsTerm applies to query results" : null;
        if (misuse is not null)
        {
            WriteEngineError(new TripleStoreException(ErrorCodes.Configuration, ErrorKind.InvalidArgument, misuse + "."), target);
            return;
        }
        var options = new UpdateOptions
        {
            CancellationToken = StopToken,
            Timeout = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) ? Timeout : null,
            AllowedLoadDirectories = AllowLoadPath is null ? [] : AllowLoadPath.Select(ResolveDestinationPath).ToArray(),
        };
        var transaction = Session.TransactionFor(store);
        var inTransaction = transaction is not null;
        var action = $"Run a SPARQL update of {update.Operations.Count} operation(s){(inTransaction ? " in the open transaction" : "")}";
        try
        {
            if (ShouldProcess(action + " on " + store.Path, action + "?", "Invoke-Sparql", out var reason))
            {
                var done = transaction is not null ? transaction.Update(text, options) : store.Update(text, options);
                WriteObject(new SparqlUpdateResult(store.Path, done.QuadsInserted, done.QuadsDeleted, done.Operations, done.Duration, false, inTransaction, [], []));
            }
            else if (reason == ShouldProcessReason.WhatIf)
            {
                var preview = transaction is not null ? transaction.PreviewUpdate(text, options) : store.PreviewUpdate(text, options);
                var result = preview.Result;
                WriteObject(new SparqlUpdateResult(store.Path, result.QuadsInserted, result.QuadsDeleted, result.Operations, result.Duration, true, inTransaction,
                    preview.Inserted.Take(SampleSize).Select(TermConversion.ToTripleObject).ToArray(),
                    preview.Deleted.Take(SampleSize).Select(TermConversion.ToTripleObject).ToArray()));
            }
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (TripleStoreException ex) when (ex.ErrorCode == ErrorCodes.Canceled && StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, target);
        }
    }

    private PSObject Solution(IReadOnlyList<string> names, Term?[] row)
    {
        var solution = new PSObject();
        for (int i = 0; i < names.Count; i++)
        {
            object? value = AsTerm ? (row[i] is { } term ? TermConversion.ToTermObject(term) : null) : TermConversion.ToNative(row[i]);
            solution.Properties.Add(new PSNoteProperty(names[i], value));
        }
        return solution;
    }

    private void WriteSerialized(SparqlResult result, object target)
    {
        var format = Enum.Parse<SparqlResultsFormat>(As!, ignoreCase: true);
        var text = new StringWriter();
        var writer = SparqlResultsWriter.Create(text, format);
        switch (result)
        {
            case SolutionSequence rows:
                writer.WriteHeader(rows.Variables);
                foreach (var row in rows) writer.WriteRow(row);
                break;
            case BooleanResult answer when format is SparqlResultsFormat.Csv or SparqlResultsFormat.Tsv:
                WriteEngineError(new TripleStoreException(ErrorCodes.Configuration, ErrorKind.InvalidArgument,
                    $"-As {As} has no form for an ASK result; use -As Json or -As Xml, or leave -As out to get a [bool]."), target);
                return;
            case BooleanResult answer:
                writer.WriteBoolean(answer.Value);
                break;
            case GraphResult triples:
                // Start and stop the lazy result: that releases the snapshot the store holds for it.
                foreach (var _ in triples) break;
                WriteEngineError(new TripleStoreException(ErrorCodes.Configuration, ErrorKind.InvalidArgument,
                    "-As applies to SELECT and ASK results; CONSTRUCT and DESCRIBE write triple objects, so leave -As out."), target);
                return;
        }
        writer.Finish();
        WriteObject(text.ToString());
    }

    private void WritePlan(QueryPlan plan, int depth)
    {
        WriteObject(new SparqlPlanOperator(depth, plan.Operator, plan.Detail, plan.EstimatedRows, plan.ActualRows, plan.Children.Count));
        foreach (var child in plan.Children) WritePlan(child, depth + 1);
    }
}
