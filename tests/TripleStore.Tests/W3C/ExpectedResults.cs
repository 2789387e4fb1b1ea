using System.Globalization;
using TripleStore.Formats;
using TripleStore.Formats.SparqlResults;
using TripleStore.Rdf;

namespace TripleStore.Tests.W3C;

/// <summary>
/// An expected or actual SPARQL result for the conformance runner: variables with rows, or a boolean.
/// Reads the result files of the suites: .srx, .srj, .tsv (through the engine's results reader) and RDF result sets (rs: vocabulary).
/// </summary>
public sealed class ExpectedResults
{
    private const string Rs = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#";

    public List<string> Variables { get; } = new();

    public List<Dictionary<string, Term>> Rows { get; } = new();

    public bool? Boolean { get; set; }

    /// <summary>True when the file fixes an order (rs:index in RDF result sets; always for XML, JSON and TSV).</summary>
    public bool Ordered { get; set; } = true;

    public static ExpectedResults Load(string path, string iri)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".srx" => Read(path, SparqlResultsFormat.Xml),
            ".srj" => Read(path, SparqlResultsFormat.Json),
            ".tsv" => Read(path, SparqlResultsFormat.Tsv),
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

    /// <summary>Reads a results document with the engine's own results reader.</summary>
    private static ExpectedResults Read(string path, SparqlResultsFormat format)
    {
        using var reader = new StreamReader(path);
        var parsed = SparqlResultsReader.Read(reader, format, path);
        var set = new ExpectedResults();
        set.Variables.AddRange(parsed.Variables);
        if (parsed.Boolean is { } b)
        {
            set.Boolean = b;
            return set;
        }
        foreach (var row in parsed.Rows)
        {
            var dict = new Dictionary<string, Term>();
            for (int i = 0; i < row.Length; i++) if (row[i] is { } v) dict[parsed.Variables[i]] = v;
            set.Rows.Add(dict);
        }
        return set;
    }

    private static ExpectedResults FromRdf(List<Quad> quads)
    {
        var set = new ExpectedResults { Ordered = false };
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
