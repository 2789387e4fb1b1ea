using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation;

/// <summary>A pattern position compiled to a constant or a variable slot.</summary>
internal readonly record struct SlotTerm(Term? Constant, int Slot)
{
    public bool IsVariable => Slot >= 0;

    public Term? Resolve(Term?[] row) => Slot >= 0 ? row[Slot] : Constant;

    public override string ToString() => Constant?.ToString() ?? "?" + Slot;
}
