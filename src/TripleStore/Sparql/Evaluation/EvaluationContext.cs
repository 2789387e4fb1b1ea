using System.Diagnostics;
using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql.Evaluation.Spill;
using TripleStore.Sparql.Expressions;

namespace TripleStore.Sparql.Evaluation;

/// <summary>What every operator of one query execution shares: the data, the clock, the limits.</summary>
internal sealed class EvaluationContext
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan? _timeout;
    private readonly CancellationToken _token;
    private int _ticks;

    public EvaluationContext(IQuadSource source, QueryOptions options, VariableTable variables, FunctionContext functions)
    {
        Source = source;
        Options = options;
        Variables = variables;
        Functions = functions;
        _timeout = options.Timeout;
        _token = options.CancellationToken;
    }

    public IQuadSource Source { get; }

    private IEncodedQuadSource? _encoded;

    /// <summary>
    /// The source as ids, for joins: the source itself when it has ids of its own, else an interning
    /// adapter shared by the whole evaluation.
    /// </summary>
    public IEncodedQuadSource Encoded => _encoded ??= Source as IEncodedQuadSource ?? new InterningQuadSource(Source);

    public QueryOptions Options { get; }

    public VariableTable Variables { get; }

    public FunctionContext Functions { get; }

    public bool CollectStatistics => Options.CollectStatistics;

    /// <summary>Called for every row and every quad scanned: honours cancellation and the timeout.</summary>
    public void Tick()
    {
        if (_token.IsCancellationRequested)
            throw new TripleStoreException(ErrorCodes.Canceled, ErrorKind.Canceled, "The query was canceled.", new OperationCanceledException(_token));
        if (_timeout is { } limit && (++_ticks & 255) == 0 && _clock.Elapsed > limit)
            throw new TripleStoreException(ErrorCodes.QueryTimeout, ErrorKind.Timeout,
                $"The query ran longer than its timeout of {limit.TotalSeconds:0.###} s and was stopped.");
    }

    /// <summary>Throws <see cref="ErrorCodes.LimitExceeded"/> when an operator holds more rows than allowed.</summary>
    public void CheckMemory(long rows, string operatorName)
    {
        if (rows > Options.MaxRowsInMemory)
            throw new TripleStoreException(ErrorCodes.LimitExceeded, ErrorKind.LimitExceeded,
                $"{operatorName} needs to hold more than {Options.MaxRowsInMemory} solutions in memory (QueryOptions.MaxRowsInMemory). Raise the limit or make the query more selective.");
    }

    private SpillSpace? _spill;

    /// <summary>
    /// Where memory-bound operators spill rows past <see cref="QueryOptions.MaxRowsInMemory"/>; null when
    /// spilling is off (<see cref="QueryOptions.SpillDirectory"/> unset), and they fail instead.
    /// </summary>
    public SpillSpace? Spill => _spill ??= Options.SpillDirectory is { Length: > 0 } directory ? new SpillSpace(directory, Options.MaxSpillBytes) : null;

    /// <summary>
    /// For an operator that holds <paramref name="rows"/> rows, more than the limit: the space to spill
    /// them to, or <see cref="ErrorCodes.LimitExceeded"/> when spilling is off.
    /// </summary>
    public SpillSpace SpillOrFail(long rows, string operatorName)
    {
        if (Spill is { } space) return space;
        CheckMemory(rows, operatorName);
        throw new InvalidOperationException($"{operatorName} asked to spill below its row limit.");
    }

    public Term?[] NewRow() => new Term?[Variables.Count];

    // Per execution, so BNODE(label) never gives a node another query gave.
    private readonly string _blankSalt = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();

    /// <summary>
    /// The blank node BNODE(label) gives for one solution: a hash of the solution and the label, so equal
    /// pairs agree without a table of every pair seen (which would grow with the result and could neither
    /// spill cheaply nor be bounded). 128 bits of SHA-256 make a collision of two pairs negligible.
    /// </summary>
    public BlankNode BlankNodeFor(RowKey solution, string label)
    {
        byte[] buffer = new byte[256];
        int length = SpillRecordCodec.Write(new SpillRecord(0, solution.Values, new Term?[] { Literal.Simple(label) }), ref buffer);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(buffer.AsSpan(0, length), hash);
        return new BlankNode("b" + _blankSalt + Convert.ToHexString(hash[..16]).ToLowerInvariant());
    }
}
