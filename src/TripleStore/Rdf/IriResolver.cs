using System.Text;

namespace TripleStore.Rdf;

/// <summary>Reference resolution per RFC 3986 section 5.2, on strings, without normalization.</summary>
public static class IriResolver
{
    /// <summary>Resolves <paramref name="reference"/> against the absolute <paramref name="baseIri"/>.</summary>
    public static string Resolve(string baseIri, string reference)
    {
        var r = Split(reference);
        if (r.Scheme is not null)
            return Recompose(r.Scheme, r.Authority, RemoveDotSegments(r.Path), r.Query, r.Fragment);

        var b = Split(baseIri);
        string? authority, path, query;
        if (r.Authority is not null)
        {
            authority = r.Authority;
            path = RemoveDotSegments(r.Path);
            query = r.Query;
        }
        else
        {
            authority = b.Authority;
            if (r.Path.Length == 0)
            {
                path = b.Path;
                query = r.Query ?? b.Query;
            }
            else
            {
                path = r.Path[0] == '/' ? RemoveDotSegments(r.Path) : RemoveDotSegments(Merge(b, r.Path));
                query = r.Query;
            }
        }
        return Recompose(b.Scheme, authority, path, query, r.Fragment);
    }

    private static string Merge(in Parts b, string relativePath)
    {
        if (b.Authority is not null && b.Path.Length == 0) return "/" + relativePath;
        int slash = b.Path.LastIndexOf('/');
        return slash < 0 ? relativePath : string.Concat(b.Path.AsSpan(0, slash + 1), relativePath);
    }

    /// <summary>RFC 3986 section 5.2.4.</summary>
    public static string RemoveDotSegments(string path)
    {
        if (path.IndexOf('.') < 0) return path;
        var input = path;
        var output = new List<string>();
        int i = 0;
        var sb = new StringBuilder();
        while (i < input.Length)
        {
            var rest = input.AsSpan(i);
            if (rest.StartsWith("../")) { i += 3; continue; }
            if (rest.StartsWith("./")) { i += 2; continue; }
            if (rest.StartsWith("/./")) { i += 2; continue; }
            if (rest.SequenceEqual("/.")) { input = input[..i] + "/"; continue; }
            if (rest.StartsWith("/../")) { i += 3; Pop(output); continue; }
            if (rest.SequenceEqual("/..")) { input = input[..i] + "/"; Pop(output); continue; }
            if (rest.SequenceEqual(".") || rest.SequenceEqual("..")) { i = input.Length; continue; }
            int start = i;
            int next = input.IndexOf('/', rest[0] == '/' ? i + 1 : i);
            if (next < 0) next = input.Length;
            output.Add(input[start..next]);
            i = next;
        }
        foreach (var seg in output) sb.Append(seg);
        return sb.ToString();
    }

    private static void Pop(List<string> output)
    {
        if (output.Count > 0) output.RemoveAt(output.Count - 1);
    }

    private static string Recompose(string? scheme, string? authority, string path, string? query, string? fragment)
    {
        var sb = new StringBuilder();
        if (scheme is not null) sb.Append(scheme).Append(':');
        if (authority is not null) sb.Append("//").Append(authority);
        sb.Append(path);
        if (query is not null) sb.Append('?').Append(query);
        if (fragment is not null) sb.Append('#').Append(fragment);
        return sb.ToString();
    }

    private readonly record struct Parts(string? Scheme, string? Authority, string Path, string? Query, string? Fragment);

    private static Parts Split(string s)
    {
        string? scheme = null, authority = null, query = null, fragment = null;
        int i = 0;
        int colon = s.IndexOf(':');
        if (colon > 0 && IsScheme(s.AsSpan(0, colon)))
        {
            scheme = s[..colon];
            i = colon + 1;
        }
        int hash = s.IndexOf('#', i);
        int end = hash < 0 ? s.Length : hash;
        if (hash >= 0) fragment = s[(hash + 1)..];
        int q = s.IndexOf('?', i, end - i);
        if (q >= 0) { query = s[(q + 1)..end]; end = q; }
        if (end - i >= 2 && s[i] == '/' && s[i + 1] == '/')
        {
            int a = i + 2;
            int slash = s.IndexOf('/', a, end - a);
            int aEnd = slash < 0 ? end : slash;
            authority = s[a..aEnd];
            i = aEnd;
        }
        return new Parts(scheme, authority, s[i..end], query, fragment);
    }

    private static bool IsScheme(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || !char.IsAsciiLetter(s[0])) return false;
        foreach (var c in s)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) return false;
        return true;
    }
}
