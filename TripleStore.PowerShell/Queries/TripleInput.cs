using System.Management.Automation;
using System.Text.RegularExpressions;
using TripleStore.Formats;
using TripleStore.Rdf;

namespace TripleStore.PowerShell.Queries;

/// <summary>
/// Turns the Subject, Predicate, Object and Graph values of Add-Triple and Remove-Triple (strings from
/// CSV rows, [uri]s, numbers, dates, or the module's own term objects) into RDF terms. The rules:
/// <list type="bullet">
/// <item>'&lt;iri&gt;' is an IRI and '_:label' a blank node, in any position;</item>
/// <item>in the subject, predicate and graph positions any other string must be an absolute IRI;</item>
/// <item>in the object position a string is an IRI only when it looks like one (a scheme followed by "//",
/// or urn:/mailto: with no spaces); a string in N-Triples literal syntax ('"chat"@fr',
/// '"5"^^&lt;...#int&gt;') is that literal; any other string is a plain literal;</item>
/// <item>[uri] is an IRI; bool, integers, decimal, double, [datetime] and [datetimeoffset] are typed literals.</item>
/// </list>
/// Errors are <see cref="FormatException"/>s saying which value was wrong and how to write it.
/// </summary>
internal static partial class TripleInput
{
    [GeneratedRegex(@"^(?:[A-Za-z][A-Za-z0-9+.\-]*://|urn:|mailto:)\S+$", RegexOptions.CultureInvariant)]
    private static partial Regex LooksLikeIri();

    public static Term Subject(object? value) => Resource(value, "Subject", allowBlank: true);

    public static Iri Predicate(object? value) => (Iri)Resource(value, "Predicate", allowBlank: false);

    /// <summary>The named graph; null (the default graph) for a missing or empty value.</summary>
    public static Iri? Graph(object? value)
    {
        value = Unwrap(value);
        if (value is null || value is string s && s.Trim().Length == 0) return null;
        return (Iri)Resource(value, "Graph", allowBlank: false);
    }

    public static Term Object(object? value)
    {
        value = Unwrap(value);
        switch (value)
        {
            case null:
                throw new FormatException("Object is empty; give an IRI, a blank node (_:label) or a literal value.");
            case string s:
                var text = s.Trim();
                if (text.StartsWith('<') && text.EndsWith('>')) return AbsoluteIri(text[1..^1], "Object");
                if (text.StartsWith("_:", StringComparison.Ordinal)) return Blank(text, "Object");
                if (text.Length > 1 && text[0] == '"' && text.LastIndexOf('"') > 0 && LiteralSuffixIsValid(text)) return NTriplesLiteral(text);
                // The string itself (untrimmed) becomes the literal: spaces in CSV cells are data.
                if (LooksLikeIri().IsMatch(text)) return AbsoluteIri(text, "Object");
                return Literal.Simple(s);
            default:
                try
                {
                    return TermConversion.FromValue(value, "Object");
                }
                catch (ArgumentException ex)
                {
                    throw new FormatException(ex.Message.Replace("Parameter 'Object'", "Object"), ex);
                }
        }
    }

    private static Term Resource(object? value, string position, bool allowBlank)
    {
        value = Unwrap(value);
        switch (value)
        {
            case string s:
                var text = s.Trim();
                if (text.Length == 0) throw new FormatException($"{position} is empty; give an absolute IRI such as 'http://example.org/x' or '<http://example.org/x>'.");
                if (text.StartsWith('<') && text.EndsWith('>')) return AbsoluteIri(text[1..^1], position);
                if (text.StartsWith("_:", StringComparison.Ordinal))
                {
                    if (!allowBlank) throw new FormatException($"{position} '{text}' is a blank node; a {position.ToLowerInvariant()} must be an IRI.");
                    return Blank(text, position);
                }
                return AbsoluteIri(text, position);
            case Uri uri:
                if (!uri.IsAbsoluteUri) throw new FormatException($"{position} '{uri}' is a relative URI; an IRI must be absolute.");
                return AbsoluteIri(uri.OriginalString, position);
            case RdfTermObject term when term.IsIri:
                return AbsoluteIri(term.Value, position);
            case RdfTermObject term when term.IsBlankNode && allowBlank:
                return new BlankNode(term.Value);
            case RdfTermObject term:
                throw new FormatException($"{position} {term} is a {term.Kind}; a {position.ToLowerInvariant()} must be an IRI{(allowBlank ? " or a blank node" : "")}.");
            case null:
                throw new FormatException($"{position} is empty; give an absolute IRI such as 'http://example.org/x'.");
            default:
                throw new FormatException($"{position} has type {value.GetType().FullName}; give an IRI as a string, a [uri] or a term object.");
        }
    }

    private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;

    private static Iri AbsoluteIri(string text, string position)
    {
        try
        {
            return Iri.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{position}: {ex.Message} Write IRIs in full, e.g. 'http://example.org/x'.", ex);
        }
    }

    private static BlankNode Blank(string text, string position)
    {
        var label = text[2..];
        if (label.Length == 0 || !label.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.') || label.EndsWith('.'))
            throw new FormatException($"{position} '{text}' is not a valid blank node label; use letters, digits, '_', '-' or '.'.");
        return new BlankNode(label);
    }

    // "..." followed by nothing, @lang or ^^<iri>: anything else (e.g. '"quoted" words') is an ordinary string.
    private static bool LiteralSuffixIsValid(string text)
    {
        var close = text.LastIndexOf('"');
        var suffix = text[(close + 1)..];
        return suffix.Length == 0 || suffix[0] == '@' || suffix.StartsWith("^^<", StringComparison.Ordinal) && suffix.EndsWith('>');
    }

    private static Term NTriplesLiteral(string text)
    {
        try
        {
            using var reader = RdfParser.Create(new StringReader($"<urn:x:s> <urn:x:p> {text} ."), RdfFormat.NTriples);
            if (reader.TryRead(out var quad) && !reader.TryRead(out _)) return quad.Object;
        }
        catch (TripleStoreException)
        {
        }
        catch (FormatException)
        {
        }
        // Not valid N-Triples after all: keep the text as it is.
        return Literal.Simple(text);
    }
}
