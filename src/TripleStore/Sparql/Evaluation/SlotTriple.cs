namespace TripleStore.Sparql.Evaluation;

internal sealed record SlotTriple(SlotTerm Subject, SlotTerm Predicate, SlotTerm Object)
{
    public SlotTerm[] Positions { get; } = new[] { Subject, Predicate, Object };
}
