using TripleStore.Rdf;

namespace TripleStore.Formats.SparqlResults;

/// <summary>
/// Writes a result set as it is produced: either <see cref="WriteBoolean"/> (ASK), or
/// <see cref="WriteHeader"/> then any number of <see cref="WriteRow(ReadOnlySpan{Term})"/>; then
/// <see cref="Finish"/>. Nothing is buffered beyond a small chunk, so a large result streams.
/// Blank nodes keep one label throughout the document.
/// </summary>
public abstract class SparqlResultsWriter
{
    private enum State { Start, Rows, Boolean, Finished }

    private State _state;
    private int _width;

    private protected SparqlResultsWriter(TextWriter output) => Output = output;

    private protected TextWriter Output { get; }

    public static SparqlResultsWriter Create(TextWriter output, SparqlResultsFormat format)
    {
        ArgumentNullException.ThrowIfNull(output);
        return format switch
        {
            SparqlResultsFormat.Json => new JsonResultsWriter(output),
            SparqlResultsFormat.Xml => new XmlResultsWriter(output),
            SparqlResultsFormat.Csv => new CsvResultsWriter(output),
            SparqlResultsFormat.Tsv => new TsvResultsWriter(output),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    /// <summary>Writes the result of an ASK query. CSV and TSV have no form for it and throw <see cref="NotSupportedException"/>.</summary>
    public void WriteBoolean(bool value)
    {
        Require(State.Start, "WriteBoolean must be the first and only call before Finish");
        WriteBooleanCore(value);
        _state = State.Boolean;
    }

    /// <summary>Starts a SELECT result with its variable names (without '?').</summary>
    public void WriteHeader(IReadOnlyList<string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        Require(State.Start, "WriteHeader must come first, once");
        foreach (var v in variables)
            if (string.IsNullOrEmpty(v) || v[0] is '?' or '$')
                throw new ArgumentException($"'{v}' is not a variable name; pass names without '?' or '$'.", nameof(variables));
        WriteHeaderCore(variables);
        _width = variables.Count;
        _state = State.Rows;
    }

    /// <summary>Writes one solution: a term or null (unbound) for each variable, in header order.</summary>
    public void WriteRow(ReadOnlySpan<Term?> row)
    {
        Require(State.Rows, "WriteRow must follow WriteHeader");
        if (row.Length != _width)
            throw new ArgumentException($"The row has {row.Length} values but the header has {_width} variables.", nameof(row));
        WriteRowCore(row);
    }

    public void WriteRow(Term?[] row) => WriteRow(new ReadOnlySpan<Term?>(row));

    /// <summary>Closes the document and flushes the output (the output itself stays open). Calling it twice is harmless.</summary>
    public void Finish()
    {
        if (_state == State.Finished) return;
        if (_state == State.Start) WriteHeader([]);
        FinishCore();
        Output.Flush();
        _state = State.Finished;
    }

    private void Require(State expected, string message)
    {
        if (_state != expected) throw new InvalidOperationException(message + ".");
    }

    private protected abstract void WriteBooleanCore(bool value);
    private protected abstract void WriteHeaderCore(IReadOnlyList<string> variables);
    private protected abstract void WriteRowCore(ReadOnlySpan<Term?> row);
    private protected abstract void FinishCore();
}
