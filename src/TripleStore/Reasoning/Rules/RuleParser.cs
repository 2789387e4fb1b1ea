using TripleStore.Rdf;

namespace TripleStore.Reasoning.Rules;

/// <summary>
/// Reads the rule tables' compact syntax, one rule per line:
/// <c>name: ?a prefix:b ?c . ... -> head atoms | false ; message</c>. Known prefixes are rdf, rdfs, owl
/// and xsd; <c>"lex"^^xsd:type</c> is a typed literal. The tables are code, so an error here is a bug.
/// </summary>
internal static class RuleParser
{
    private static readonly Dictionary<string, string> Prefixes = new()
    {
        ["rdf"] = RdfVocabulary.Namespace,
        ["rdfs"] = "http://www.w3.org/2000/01/rdf-schema#",
        ["owl"] = "http://www.w3.org/2002/07/owl#",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
    };

    public static IReadOnlyList<RuleDefinition> ParseTable(string table) =>
        table.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(Parse).ToArray();

    public static RuleDefinition Parse(string line)
    {
        int colon = line.IndexOf(": ", StringComparison.Ordinal);
        string name = line[..colon].Trim();
        string rest = line[(colon + 2)..];
        string message = "";
        int semicolon = rest.LastIndexOf(" ; ", StringComparison.Ordinal);
        if (semicolon >= 0)
        {
            message = rest[(semicolon + 3)..].Trim();
            rest = rest[..semicolon];
        }
        int arrow = rest.IndexOf("->", StringComparison.Ordinal);
        var body = Atoms(rest[..arrow]);
        string headText = rest[(arrow + 2)..].Trim();
        bool constraint = headText == "false";
        var head = constraint ? [] : Atoms(headText);
        return new RuleDefinition(name, body, head, constraint, message);
    }

    private static List<RuleAtom> Atoms(string text)
    {
        var atoms = new List<RuleAtom>();
        foreach (var part in text.Split(" . ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != 3) throw new InvalidOperationException($"Rule atom '{part}' does not have three terms.");
            atoms.Add(new RuleAtom(Term(words[0]), Term(words[1]), Term(words[2])));
        }
        return atoms;
    }

    private static RuleTerm Term(string word)
    {
        if (word.StartsWith('?')) return RuleTerm.Var(word[1..]);
        if (word.StartsWith('"'))
        {
            int end = word.IndexOf("\"^^", 1, StringComparison.Ordinal);
            return RuleTerm.Const(Literal.Typed(word[1..end], Iri(word[(end + 3)..])));
        }
        return RuleTerm.Const(Iri(word));
    }

    private static Iri Iri(string prefixed)
    {
        int colon = prefixed.IndexOf(':');
        return new Iri(Prefixes[prefixed[..colon]] + prefixed[(colon + 1)..]);
    }
}
