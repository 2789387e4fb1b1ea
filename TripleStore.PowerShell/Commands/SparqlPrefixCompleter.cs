using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;
using TripleStore.Dataset;
using TripleStore.PowerShell.Stores;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// Completes SPARQL query text with PREFIX declarations. Tab on a query that uses prefixed names it does
/// not declare (<c>'SELECT * { ?b dcterms:title ?t }'</c>) puts the missing declarations in front; Tab on
/// an empty query, or after its declarations, offers <c>PREFIX name: &lt;namespace&gt;</c> for the
/// namespaces of the store in use (sampled from its first statements) and for common vocabularies.
/// </summary>
public sealed partial class SparqlPrefixCompleter : IArgumentCompleter
{
    private const int SampledQuads = 2_000;

    /// <summary>Common vocabularies and their usual prefixes.</summary>
    public static readonly IReadOnlyDictionary<string, string> CommonPrefixes = new Dictionary<string, string>
    {
        ["rdf"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        ["rdfs"] = "http://www.w3.org/2000/01/rdf-schema#",
        ["owl"] = "http://www.w3.org/2002/07/owl#",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
        ["dcterms"] = "http://purl.org/dc/terms/",
        ["dc"] = "http://purl.org/dc/elements/1.1/",
        ["foaf"] = "http://xmlns.com/foaf/0.1/",
        ["schema"] = "http://schema.org/",
        ["skos"] = "http://www.w3.org/2004/02/skos/core#",
        ["prov"] = "http://www.w3.org/ns/prov#",
        ["dcat"] = "http://www.w3.org/ns/dcat#",
        ["sh"] = "http://www.w3.org/ns/shacl#",
    };

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = wordToComplete ?? "";
        char quote = word.Length > 0 && word[0] is '\'' or '"' ? word[0] : '\'';
        var text = word.Length > 0 && word[0] is '\'' or '"' ? word[1..] : word;
        bool closed = text.Length > 0 && text[^1] == quote;
        if (closed) text = text[..^1];

        var prefixes = KnownPrefixes(fakeBoundParameters);
        var declared = Declared().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        // 1. Prefixed names used but not declared: declare them.
        var missing = Used(text).Where(p => !declared.Contains(p) && prefixes.ContainsKey(p)).Distinct().ToList();
        if (missing.Count > 0)
        {
            var declarations = string.Concat(missing.Select(p => $"PREFIX {p}: <{prefixes[p]}> "));
            var completed = Quote(declarations + text.TrimStart(), quote, closed);
            return new[] { new CompletionResult(completed, "PREFIX " + string.Join(", ", missing), CompletionResultType.ParameterValue,
                "Declare " + string.Join(", ", missing.Select(p => $"{p}: <{prefixes[p]}>"))) };
        }

        // 2. At the start of the query, or after its declarations: offer declarations.
        var start = Start().Match(text);
        if (!start.Success) return Array.Empty<CompletionResult>();
        var partial = start.Groups["name"].Success ? start.Groups["name"].Value : "";
        return prefixes
            .Where(p => !declared.Contains(p.Key) && p.Key.StartsWith(partial, StringComparison.OrdinalIgnoreCase))
            .Select(p => new CompletionResult(Quote($"{start.Groups["declared"].Value}PREFIX {p.Key}: <{p.Value}> ", quote, closed),
                $"{p.Key}:", CompletionResultType.ParameterValue, p.Value))
            .ToList();
    }

    private static string Quote(string text, char quote, bool closed)
    {
        var escaped = quote == '\'' ? text.Replace("'", "''") : text.Replace("`", "``").Replace("\"", "`\"").Replace("$", "`$");
        return quote + escaped + (closed ? quote.ToString() : "");
    }

    /// <summary>The prefixes used as prefixed names, outside IRIs, strings and variables.</summary>
    private static IEnumerable<string> Used(string text)
    {
        var code = Strings().Replace(Iris().Replace(text, " "), " ");
        code = Declared().Replace(code, " ");
        return PrefixedName().Matches(code).Select(m => m.Groups[1].Value);
    }

    /// <summary>Common vocabularies, plus a prefix for each namespace seen in the store's first statements.</summary>
    private static Dictionary<string, string> KnownPrefixes(IDictionary fakeBoundParameters)
    {
        var prefixes = new Dictionary<string, string>(CommonPrefixes, StringComparer.Ordinal);
        var store = (fakeBoundParameters["Store"] is { } bound ? PSObject.AsPSObject(bound).BaseObject as RdfStore : null)
            ?? StoreSession.ForCurrentRunspace().Current;
        if (store is null) return prefixes;
        try
        {
            var known = prefixes.Values.ToHashSet(StringComparer.Ordinal);
            using var snapshot = store.OpenSnapshot();
            var namespaces = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var quad in snapshot.Match(null, null, null, GraphSelector.All).Take(SampledQuads))
            {
                foreach (var term in new Rdf.Term[] { quad.Predicate, quad.Object, quad.Subject })
                {
                    if (term is not Rdf.Iri iri) continue;
                    var ns = Namespace(iri.Value);
                    if (ns is null || known.Contains(ns) || namespaces.ContainsKey(ns)) continue;
                    var name = PrefixFor(ns);
                    // One namespace per name: the first seen keeps it (two wiki/ namespaces, say).
                    if (name is not null && !prefixes.ContainsKey(name) && !namespaces.ContainsValue(name)) namespaces[ns] = name;
                }
            }
            // The store's own namespaces come first.
            var ordered = namespaces.ToDictionary(n => n.Value, n => n.Key, StringComparer.Ordinal);
            foreach (var common in prefixes) ordered.TryAdd(common.Key, common.Value);
            return ordered;
        }
        catch (TripleStoreException)
        {
            return prefixes; // a store closed meanwhile
        }
    }

    private static string? Namespace(string iri)
    {
        int cut = Math.Max(iri.LastIndexOf('#'), iri.LastIndexOf('/'));
        return cut > "http://".Length ? iri[..(cut + 1)] : null;
    }

    /// <summary>A prefix name from a namespace's last path segment: http://example.org/library/ → library.</summary>
    private static string? PrefixFor(string ns)
    {
        var segments = ns.TrimEnd('/', '#').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var last = segments.LastOrDefault();
        if (last is null) return null;
        var name = new string(last.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        return name.Length > 0 && char.IsAsciiLetter(name[0]) ? name : null;
    }

    [GeneratedRegex(@"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Declared();

    [GeneratedRegex(@"<[^<>\s]*>")]
    private static partial Regex Iris();

    [GeneratedRegex(@"""[^""]*""|'[^']*'")]
    private static partial Regex Strings();

    [GeneratedRegex(@"(?<![\w?$:.-])([A-Za-z][\w-]*):(?=[A-Za-z_\d])")]
    private static partial Regex PrefixedName();

    [GeneratedRegex(@"^(?<declared>(?:\s*PREFIX\s+[\w.-]*:\s*<[^>]*>)*\s*)(?:PREFIX\s+(?<name>[\w-]*)|(?<name>)P(?:R(?:E(?:F(?:I(?:X)?)?)?)?)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Start();
}
