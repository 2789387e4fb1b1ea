using TripleStore.Sparql.Algebra;

namespace TripleStore.Sparql.Optimizer;

/// <summary>
/// Guesses the fraction of rows a filter conjunct keeps, and the variable it restricts, for choosing
/// which triple pattern of a BGP to scan first. The numbers are the textbook defaults (a third for a
/// one-sided range, so a two-sided range keeps about a ninth); the store keeps no value histograms.
/// </summary>
internal static class FilterSelectivity
{
    /// <summary>A conjunct the guess knows nothing about: most rows pass.</summary>
    public const double Unknown = 0.9;

    private const double Range = 1.0 / 3;
    private const double Equality = 0.02;
    private const double TextMatch = 0.05;

    /// <summary>The variable the conjunct restricts and the fraction it keeps, or null when it restricts none.</summary>
    public static (string Variable, double Selectivity)? Classify(Expression conjunct)
    {
        if (conjunct is not FunctionCallExpression { IsIri: false } f) return null;
        switch (f.Name)
        {
            case "REGEX" or "CONTAINS" or "STRSTARTS" or "STRENDS" when f.Arguments.Count >= 2:
                // A constant pattern tested against a variable's text.
                if (TextOf(f.Arguments[0]) is { } v && f.Arguments.Skip(1).All(a => a is ConstantExpression))
                    return (v, TextMatch);
                return null;
            case "<" or ">" or "<=" or ">=" or "=" when f.Arguments.Count == 2:
            {
                double sel = f.Name == "=" ? Equality : Range;
                // ?x op expr, where expr does not mention ?x (a constant, or values bound elsewhere).
                if (f.Arguments[0] is VariableExpression l && !f.Arguments[1].Variables().Contains(l.Name)) return (l.Name, sel);
                if (f.Arguments[1] is VariableExpression r && !f.Arguments[0].Variables().Contains(r.Name)) return (r.Name, sel);
                return null;
            }
        }
        return null;
    }

    private static string? TextOf(Expression e) => e switch
    {
        VariableExpression v => v.Name,
        FunctionCallExpression { Name: "STR" or "LCASE" or "UCASE", IsIri: false, Arguments: [VariableExpression v] } => v.Name,
        _ => null,
    };
}
