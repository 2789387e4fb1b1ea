using TripleStore.Rdf;

namespace TripleStore.Sparql.Algebra;

/// <summary>
/// One position of a triple pattern: a fixed term or a variable. In CONSTRUCT templates a blank node
/// stays a <see cref="Term"/> (fresh per solution); in WHERE patterns blank nodes become variables.
/// </summary>
public readonly record struct TermPattern
{
    private TermPattern(Term? term, string? variable)
    {
        Term = term;
        Variable = variable;
    }

    public Term? Term { get; }

    /// <summary>The variable name without '?' when this position is a variable.</summary>
    public string? Variable { get; }

    public bool IsVariable => Variable is not null;

    public static TermPattern Of(Term term) => new(term ?? throw new ArgumentNullException(nameof(term)), null);

    public static TermPattern Var(string name) => new(null, name ?? throw new ArgumentNullException(nameof(name)));

    public static implicit operator TermPattern(Term term) => Of(term);

    public override string ToString() => Variable is not null ? "?" + Variable : Term!.ToString();
}
