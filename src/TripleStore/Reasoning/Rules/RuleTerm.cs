using TripleStore.Rdf;

namespace TripleStore.Reasoning.Rules;

/// <summary>A position of a rule atom: a variable (by name) or a constant term.</summary>
internal readonly record struct RuleTerm(string? Variable, Term? Constant)
{
    public bool IsVariable => Variable is not null;

    public static RuleTerm Var(string name) => new(name, null);
    public static RuleTerm Const(Term term) => new(null, term);

    public override string ToString() => IsVariable ? "?" + Variable : Constant!.ToString();
}
