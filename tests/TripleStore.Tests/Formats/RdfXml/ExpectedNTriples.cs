using System.Globalization;
using System.Text;
using TripleStore.Rdf;

namespace TripleStore.Tests.Formats.RdfXml;

/// <summary>
/// Reads the expected-result .nt files of the RDF/XML suite: one triple a line, as the suite writes them.
/// </summary>
internal static class ExpectedNTriples
{
    public static List<Triple> Read(string path)
    {
        var scope = new BlankNodeScope();
        var triples = new List<Triple>();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            int i = 0;
            var s = ReadTerm(line, ref i, scope);
            var p = (Iri)ReadTerm(line, ref i, scope);
            var o = ReadTerm(line, ref i, scope);
            triples.Add(new Triple(s, p, o));
        }
        return triples;
    }

    private static Term ReadTerm(string line, ref int i, BlankNodeScope scope)
    {
        while (line[i] == ' ' || line[i] == '\t') i++;
        if (line[i] == '<')
        {
            int end = line.IndexOf('>', i);
            var iri = Unescape(line[(i + 1)..end]);
            i = end + 1;
            return new Iri(iri);
        }
        if (line[i] == '_')
        {
            int start = i + 2;
            i = start;
            while (i < line.Length && line[i] != ' ' && line[i] != '\t') i++;
            return scope.Get(line[start..i]);
        }
        var sb = new StringBuilder();
        i++;
        while (line[i] != '"')
        {
            if (line[i] == '\\') { sb.Append(line, i, 2); i += 2; }
            else sb.Append(line[i++]);
        }
        i++;
        var value = Unescape(sb.ToString());
        if (i < line.Length && line[i] == '@')
        {
            int start = ++i;
            while (line[i] != ' ' && line[i] != '\t' && line[i] != '.') i++;
            return Literal.LangString(value, line[start..i]);
        }
        if (i < line.Length && line[i] == '^')
        {
            i += 2;
            var dt = (Iri)ReadTerm(line, ref i, scope);
            return dt.Value == Xsd.StringIri ? Literal.Simple(value) : Literal.Typed(value, dt);
        }
        return Literal.Simple(value);
    }

    private static string Unescape(string s)
    {
        if (!s.Contains('\\')) return s;
        var sb = new StringBuilder();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\') { sb.Append(s[i]); continue; }
            char c = s[++i];
            switch (c)
            {
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u': sb.Append((char)int.Parse(s.AsSpan(i + 1, 4), NumberStyles.HexNumber)); i += 4; break;
                case 'U': sb.Append(char.ConvertFromUtf32(int.Parse(s.AsSpan(i + 1, 8), NumberStyles.HexNumber))); i += 8; break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
