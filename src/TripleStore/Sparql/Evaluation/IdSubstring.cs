using System.Text;
using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;
using TripleStore.Sparql.Expressions;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// A substring test on a variable against a constant ASCII word (<c>REGEX(?label, "word")</c> without
/// metacharacters or flags, or with the <c>q</c> flag; <c>CONTAINS(?label, "word")</c>), decided on the
/// UTF-8 bytes a source keeps inside a string literal's id (<see cref="IEncodedQuadSource.TryInlineStringContains"/>),
/// so a scan that tests thousands of short labels builds no string for them. Other ids, a non-ASCII word and
/// case-insensitive flags go to the term path, which gives the same answer.
/// </summary>
internal sealed class IdSubstring : IdFilter
{
    private readonly int _slot;
    private readonly byte[] _needle;

    private IdSubstring(int slot, byte[] needle)
    {
        _slot = slot;
        _needle = needle;
    }

    /// <summary>The id form of a conjunct, or null when it has none.</summary>
    public static IdSubstring? From(Expression conjunct, Func<string, int> slot)
    {
        if (conjunct is not FunctionCallExpression { IsIri: false } f) return null;
        if (f.Arguments.Count < 2 || f.Arguments[0] is not VariableExpression v) return null;
        if (SimpleString(f.Arguments[1]) is not { } word || !Ascii.IsValid(word)) return null;
        switch (f.Name)
        {
            case "CONTAINS" when f.Arguments.Count == 2:
                break;
            case "REGEX" when f.Arguments.Count == 2:
                if (!XPathRegex.IsPlainSubstring(word, "")) return null;
                break;
            case "REGEX" when f.Arguments.Count == 3:
                if (SimpleString(f.Arguments[2]) is not { } flags || !XPathRegex.IsPlainSubstring(word, flags)) return null;
                break;
            default:
                return null;
        }
        return new IdSubstring(slot(v.Name), Encoding.ASCII.GetBytes(word));
    }

    // A constant simple literal (xsd:string, no language tag): the only second argument both functions take from any string.
    private static string? SimpleString(Expression e) =>
        e is ConstantExpression { Value: Literal { Language: null } l } && l.Datatype.Value == XsdNames.String ? l.Value : null;

    public override bool? TryEval(NodeId[] ids, IEncodedQuadSource source) => source.TryInlineStringContains(ids[_slot], _needle);
}
