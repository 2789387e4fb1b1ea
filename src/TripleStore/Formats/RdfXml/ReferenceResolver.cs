using TripleStore.Rdf;

namespace TripleStore.Formats.RdfXml;

/// <summary>
/// Resolves the IRI references of one document. Most references in RDF/XML are absolute IRIs, fragments
/// (rdf:ID) or simple relative paths against the same xml:base, so those are joined by concatenation
/// against a cached split of the last base; anything else goes through <see cref="IriResolver"/>.
/// </summary>
internal sealed class ReferenceResolver
{
    private string? _base;
    private string _withoutFragment = "";
    private string? _directory;

    /// <summary>The resolved IRI, or null when the reference is relative and there is no base.</summary>
    public string? Resolve(string baseIri, string reference)
    {
        bool hasScheme = HasScheme(reference);
        if (hasScheme && IsFreeOfDotSegments(reference)) return reference;
        if (hasScheme) return IriResolver.Resolve(baseIri, reference);
        if (baseIri.Length == 0) return null;

        if (!ReferenceEquals(baseIri, _base)) Split(baseIri);
        if (reference.Length > 0 && reference[0] == '#') return _withoutFragment + reference;
        if (_directory is not null && IsPlainRelativePath(reference)) return _directory + reference;
        return IriResolver.Resolve(baseIri, reference);
    }

    private void Split(string baseIri)
    {
        _base = baseIri;
        int hash = baseIri.IndexOf('#');
        _withoutFragment = hash < 0 ? baseIri : baseIri[..hash];
        _directory = null;

        int query = _withoutFragment.IndexOf('?');
        var beforeQuery = query < 0 ? _withoutFragment : _withoutFragment[..query];
        int colon = beforeQuery.IndexOf(':');
        // Only bases with an authority (scheme://host/...), the usual case, take the shortcut.
        if (colon <= 0 || !beforeQuery.AsSpan(colon + 1).StartsWith("//")) return;
        int pathStart = beforeQuery.IndexOf('/', colon + 3);
        if (pathStart < 0)
        {
            _directory = beforeQuery + "/";
            return;
        }
        var directory = beforeQuery[..(beforeQuery.LastIndexOf('/') + 1)];
        if (IsFreeOfDotSegments(directory)) _directory = directory;
    }

    /// <summary>A relative path (maybe with query and fragment) whose merge with the base needs no dot-segment removal.</summary>
    private static bool IsPlainRelativePath(string reference)
    {
        if (reference.Length == 0) return false;
        char first = reference[0];
        if (first is '/' or '?' or '.') return false;
        int slash = reference.IndexOf('/');
        int colon = reference.IndexOf(':');
        if (colon >= 0 && (slash < 0 || colon < slash)) return false;
        return IsFreeOfDotSegments(reference);
    }

    private static bool IsFreeOfDotSegments(string value)
    {
        if (value.Contains("/.", StringComparison.Ordinal)) return false;
        int colon = value.IndexOf(':');
        return colon + 1 >= value.Length || value[colon + 1] != '.';
    }

    public static bool HasScheme(string reference)
    {
        int colon = reference.IndexOf(':');
        if (colon <= 0 || !char.IsAsciiLetter(reference[0])) return false;
        for (int i = 1; i < colon; i++)
        {
            char c = reference[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return false;
        }
        return true;
    }
}
