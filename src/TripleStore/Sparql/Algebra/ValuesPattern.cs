using TripleStore.Rdf;

namespace TripleStore.Sparql.Algebra;

/// <summary>Inline data (VALUES): a fixed table; a null cell is UNDEF.</summary>
public sealed record ValuesPattern(IReadOnlyList<string> VariableNames, IReadOnlyList<Term?[]> Rows) : GraphPattern
{
    internal override void CollectVariables(Action<string> add) { foreach (var v in VariableNames) add(v); }
    public override IEnumerable<GraphPattern> Children => Array.Empty<GraphPattern>();
    public override string ToString() => $"Table({string.Join(" ", VariableNames.Select(v => "?" + v))}; {Rows.Count} rows)";
}
