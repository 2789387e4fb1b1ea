using System.Text.RegularExpressions;

namespace TripleStore.Tests.Benchmarks;

/// <summary>
/// A strict check of one N-Triples line as the generators write it: IRI or blank-node subject, IRI
/// predicate, IRI or literal object (string escapes only, optional datatype or language tag), " .".
/// Used until the N-Triples reader can parse the generated files.
/// </summary>
internal static partial class NTriplesLineSyntax
{
    private const string IriRef = @"<[^\x00-\x20<>""{}|^`\\]+>";
    private const string BlankNode = @"_:[A-Za-z0-9_][A-Za-z0-9_.\-]*";
    private const string StringLiteral = @"""(?:[^""\\\n\r]|\\[tbnrf""'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*""";
    private const string Literal = StringLiteral + @"(?:\^\^" + IriRef + @"|@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)?";

    [GeneratedRegex("^(?:" + IriRef + "|" + BlankNode + ") " + IriRef + " (?:" + IriRef + "|" + BlankNode + "|" + Literal + ") \\.$")]
    private static partial Regex Line();

    public static bool IsValid(string line) => Line().IsMatch(line);
}
