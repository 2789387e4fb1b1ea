using TripleStore.Rdf;

namespace TripleStore.Formats.SparqlResults;

/// <summary>
/// A parsed results document: a boolean (ASK) or variables and rows. Each row holds one term or null
/// (unbound) per variable, in <see cref="Variables"/> order.
/// </summary>
public sealed class SparqlResultSet
{
    public SparqlResultSet(bool value)
    {
        Boolean = value;
        Variables = [];
        Rows = [];
    }

    public SparqlResultSet(IReadOnlyList<string> variables, IReadOnlyList<Term?[]> rows)
    {
        Variables = variables;
        Rows = rows;
    }

    /// <summary>The ASK result, or null for a SELECT result.</summary>
    public bool? Boolean { get; }

    public IReadOnlyList<string> Variables { get; }

    public IReadOnlyList<Term?[]> Rows { get; }

    public bool IsBoolean => Boolean.HasValue;
}
