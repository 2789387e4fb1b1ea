namespace TripleStore.Reasoning.Rules;

/// <summary>A triple pattern in a rule body or head.</summary>
internal sealed record RuleAtom(RuleTerm Subject, RuleTerm Predicate, RuleTerm Object)
{
    public IEnumerable<RuleTerm> Terms => [Subject, Predicate, Object];

    public override string ToString() => $"{Subject} {Predicate} {Object}";
}
