using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using TripleStore.Formats;
using TripleStore.Rdf;

namespace TripleStore.Tests.W3C;

/// <summary>
/// An expected or actual SPARQL result for the conformance runner: variables with rows, or a boolean.
/// Reads the result files of the suites: .srx, .srj, .tsv and RDF result sets (rs: vocabulary).
/// </summary>
public sealed class SparqlResultSet
{
    private const string Rs = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#";

    public List<string> Variables { get; } = new();

    public List<Dictionary<string, Term>> Rows { get; } = new();

    public bool? Boolean { get; set; }

    /// <summary>True when the file fixes an order (rs:index in RDF result sets; always for XML, JSON and TSV).</summary>
    public bool Ordered { get; set; } = true;

    public static SparqlResultSet Load(string path, string iri)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".srx" => ReadXml(path),
            ".srj" => ReadJson(path),
            ".tsv" => ReadTsv(path),
            ".ttl" or ".rdf" or ".nt" => FromRdf(ReadRdf(path, iri)),
            _ => throw new NotSupportedException($"result format of {path}"),
        };
    }

    public static List<Quad> ReadRdf(string path, string iri)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        var format = ext switch { ".rdf" => RdfFormat.RdfXml, ".nt" => RdfFormat.NTriples, ".nq" => RdfFormat.NQuads, ".trig" => RdfFormat.TriG, _ => RdfFormat.Turtle };
        using var reader = RdfParser.OpenFile(path, format, new RdfReaderOptions { BaseIri = iri });
        return reader.ReadAll().ToList();
    }

    private static SparqlResultSet ReadXml(string path)
    {
        var set = new SparqlResultSet();
        var doc = new XmlDocument();
        doc.Load(path);
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("s", "http://www.w3.org/2005/sparql-results#");
        foreach (XmlElement v in doc.SelectNodes("/s:sparql/s:head/s:variable", ns)!) set.Variables.Add(v.GetAttribute("name"));
        if (doc.SelectSingleNode("/s:sparql/s:boolean", ns) is XmlElement b)
        {
            set.Boolean = b.InnerText.Trim() == "true";
            return set;
        }
        foreach (XmlElement result in doc.SelectNodes("/s:sparql/s:results/s:result", ns)!)
        {
            var row = new Dictionary<string, Term>();
            foreach (XmlElement binding in result.SelectNodes("s:binding", ns)!)
            {
                var value = binding.ChildNodes.OfType<XmlElement>().First();
                row[binding.GetAttribute("name")] = value.LocalName switch
                {
                    "uri" => new Iri(value.InnerText),
                    "bnode" => new BlankNode(value.InnerText),
                    _ => MakeLiteral(value.InnerText, value.GetAttribute("xml:lang"), value.GetAttribute("datatype")),
                };
            }
            set.Rows.Add(row);
        }
        return set;
    }

    private static Literal MakeLiteral(string text, string? lang, string? datatype)
    {
        if (!string.IsNullOrEmpty(lang)) return Literal.LangString(text, lang);
        if (!string.IsNullOrEmpty(datatype) && datatype != RdfVocabulary.LangStringIri) return Literal.Typed(text, new Iri(datatype));
        return Literal.Simple(text);
    }

    private static SparqlResultSet ReadJson(string path)
    {
        var set = new SparqlResultSet();
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        if (root.TryGetProperty("head", out var head) && head.TryGetProperty("vars", out var vars))
            foreach (var v in vars.EnumerateArray()) set.Variables.Add(v.GetString()!);
        if (root.TryGetProperty("boolean", out var b))
        {
            set.Boolean = b.GetBoolean();
            return set;
        }
        foreach (var binding in root.GetProperty("results").GetProperty("bindings").EnumerateArray())
        {
            var row = new Dictionary<string, Term>();
            foreach (var p in binding.EnumerateObject())
            {
                var type = p.Value.GetProperty("type").GetString();
                var value = p.Value.GetProperty("value").GetString()!;
                string? Get(string name) => p.Value.TryGetProperty(name, out var x) ? x.GetString() : null;
                row[p.Name] = type switch
                {
                    "uri" => new Iri(value),
                    "bnode" => new BlankNode(value),
                    _ => MakeLiteral(value, Get("xml:lang"), Get("datatype")),
                };
            }
            set.Rows.Add(row);
        }
        return set;
    }

    private static SparqlResultSet ReadTsv(string path)
    {
        var set = new SparqlResultSet();
        var lines = File.ReadAllText(path).Replace("\r\n", "\n").Split('\n');
        var header = lines[0].Split('\t');
        foreach (var h in header) if (h.Length > 0) set.Variables.Add(h.TrimStart('?', '$'));
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 && i == lines.Length - 1) break;
            var cells = lines[i].Split('\t');
            var row = new Dictionary<string, Term>();
            for (int c = 0; c < cells.Length && c < set.Variables.Count; c++)
                if (cells[c].Length > 0) row[set.Variables[c]] = ParseTsvTerm(cells[c]);
            set.Rows.Add(row);
        }
        return set;
    }

    /// <summary>A term written as in Turtle (the TSV results format).</summary>
    private static Term ParseTsvTerm(string s)
    {
        if (s.StartsWith('<')) return new Iri(s[1..^1]);
        if (s.StartsWith("_:")) return new BlankNode(s[2..]);
        if (s.StartsWith('"'))
        {
            int end = s.LastIndexOf('"');
            var text = Unescape(s[1..end]);
            var rest = s[(end + 1)..];
            if (rest.StartsWith('@')) return Literal.LangString(text, rest[1..]);
            if (rest.StartsWith("^^")) return Literal.Typed(text, new Iri(rest[3..^1]));
            return Literal.Simple(text);
        }
        if (s is "true" or "false") return Literal.Typed(s, Xsd.Boolean);
        if (s.Contains('e') || s.Contains('E')) return Literal.Typed(s, Xsd.Double);
        if (s.Contains('.')) return Literal.Typed(s, Xsd.Decimal);
        return Literal.Typed(s, Xsd.Integer);
    }

    private static string Unescape(string s)
    {
        if (!s.Contains('\\')) return s;
        var sb = new StringBuilder();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 >= s.Length) { sb.Append(s[i]); continue; }
            char e = s[++i];
            sb.Append(e switch { 't' => '\t', 'n' => '\n', 'r' => '\r', 'b' => '\b', 'f' => '\f', _ => e });
        }
        return sb.ToString();
    }

    private static SparqlResultSet FromRdf(List<Quad> quads)
    {
        var set = new SparqlResultSet { Ordered = false };
        var bySubject = quads.GroupBy(q => q.Subject).ToDictionary(g => g.Key, g => g.ToList());
        Term? Obj(Term s, string p) => bySubject.GetValueOrDefault(s)?.FirstOrDefault(q => q.Predicate.Value == p).Object;
        IEnumerable<Term> Objs(Term s, string p) => bySubject.GetValueOrDefault(s)?.Where(q => q.Predicate.Value == p).Select(q => q.Object) ?? [];
        var rsNode = quads.FirstOrDefault(q => q.Predicate.Equals(RdfVocabulary.Type) && q.Object is Iri { Value: Rs + "ResultSet" }).Subject;
        if (rsNode is null) throw new InvalidDataException("no rs:ResultSet in the result file");
        foreach (var v in Objs(rsNode, Rs + "resultVariable")) set.Variables.Add(((Literal)v).Value);
        if (Obj(rsNode, Rs + "boolean") is Literal b)
        {
            set.Boolean = b.Value == "true";
            return set;
        }
        var solutions = new List<(int Index, Dictionary<string, Term> Row)>();
        foreach (var solution in Objs(rsNode, Rs + "solution"))
        {
            var row = new Dictionary<string, Term>();
            foreach (var binding in Objs(solution, Rs + "binding"))
                row[((Literal)Obj(binding, Rs + "variable")!).Value] = Obj(binding, Rs + "value")!;
            int index = Obj(solution, Rs + "index") is Literal idx ? int.Parse(idx.Value, CultureInfo.InvariantCulture) : -1;
            if (index >= 0) set.Ordered = true;
            solutions.Add((index, row));
        }
        set.Rows.AddRange(solutions.OrderBy(s => s.Index).Select(s => s.Row));
        return set;
    }

    /// <summary>
    /// Numbers compare by value, as the suites' result files write them in non-canonical forms
    /// ("-3" for a double, "1050" for 1.05E3).
    /// </summary>
    public static Term Canonical(Term t)
    {
        if (t is not Literal l) return t;
        var dt = l.Datatype.Value;
        if (dt == Xsd.Integer.Value && System.Numerics.BigInteger.TryParse(l.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
            return Literal.Typed(i.ToString(CultureInfo.InvariantCulture), l.Datatype);
        if (dt == Xsd.Decimal.Value && decimal.TryParse(l.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
            return Literal.Typed((d / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture), l.Datatype);
        if ((dt == Xsd.Double.Value || dt == Xsd.Float.Value) && double.TryParse(l.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f))
            return Literal.Typed(f.ToString("R", CultureInfo.InvariantCulture), l.Datatype);
        return t;
    }

    /// <summary>
    /// Encodes the rows as a graph (one blank node per row, one triple per binding) so that comparing
    /// bags of rows up to blank node renaming is graph isomorphism.
    /// </summary>
    public List<Quad> AsGraph()
    {
        var quads = new List<Quad>();
        var scope = new Dictionary<string, BlankNode>();
        var rowPredicate = new Iri("urn:sparql-test:row");
        foreach (var row in Rows)
        {
            var node = BlankNode.CreateUnique();
            quads.Add(new Quad(node, rowPredicate, Literal.Simple("row")));
            foreach (var (name, value) in row)
                quads.Add(new Quad(node, new Iri("urn:sparql-test:var:" + name), Canonical(value)));
        }
        return quads;
    }
}
