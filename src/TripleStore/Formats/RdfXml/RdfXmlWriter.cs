using System.Xml;
using TripleStore.Rdf;
using static TripleStore.Formats.RdfXml.RdfXmlNames;

namespace TripleStore.Formats.RdfXml;

/// <summary>
/// A streaming RDF/XML writer. Each run of consecutive triples with the same subject becomes one
/// rdf:Description, so sorted input (as a store exports it) gives compact output while memory stays
/// constant. Namespaces of <see cref="RdfWriterOptions.Prefixes"/> are declared on rdf:RDF; a predicate
/// in any other namespace gets a generated prefix declared on its own element, because rdf:RDF has
/// already been written when such a predicate turns up.
/// </summary>
public sealed class RdfXmlWriter : RdfWriter
{
    private readonly XmlWriter _xml;
    private readonly Dictionary<string, string> _declared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _generated = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedPrefixes = new(StringComparer.Ordinal);
    private readonly string? _base;
    private Term? _subject;
    private bool _started;

    public RdfXmlWriter(TextWriter output, RdfWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        _xml = XmlWriter.Create(output, new XmlWriterSettings
        {
            Indent = true,
            IndentChars = "  ",
            // Entitized carriage returns survive reading back; raw ones would become line feeds.
            NewLineHandling = NewLineHandling.Entitize,
            CloseOutput = true,
        });
        _declared[RdfNamespace] = "rdf";
        _usedPrefixes.Add("rdf");
        if (options.Prefixes is not null)
        {
            foreach (var (prefix, ns) in options.Prefixes)
            {
                // The default namespace and reserved or invalid names cannot serve as element prefixes.
                if (!IsNCName(prefix) || prefix.StartsWith("xml", StringComparison.OrdinalIgnoreCase) || ns.Length == 0) continue;
                if (_usedPrefixes.Contains(prefix) || _declared.ContainsKey(ns)) continue;
                _declared[ns] = prefix;
                _usedPrefixes.Add(prefix);
            }
        }
        if (options.BaseIri is { Length: > 0 } baseIri)
        {
            int hash = baseIri.IndexOf('#');
            _base = hash < 0 ? baseIri : baseIri[..hash];
        }
    }

    public override RdfFormat Format => RdfFormat.RdfXml;

    public override void Write(in Quad quad)
    {
        if (quad.Graph is not null)
            throw new TripleStoreException(ErrorCodes.NamedGraphsNotSupported, ErrorKind.InvalidOperation,
                $"RDF/XML cannot hold named graphs, but the statement {quad} is in graph {quad.Graph}; write TriG or N-Quads instead.");

        // Check everything before writing, so a bad triple leaves no half-written element behind.
        var (ns, local) = SplitPredicate(quad.Predicate);
        CheckWritable(quad.Subject, subject: true);
        CheckWritable(quad.Object);

        Start();
        if (_subject is null || !_subject.Equals(quad.Subject))
        {
            if (_subject is not null) _xml.WriteEndElement();
            _xml.WriteStartElement("rdf", "Description", RdfNamespace);
            WriteNodeAttribute(quad.Subject, "about");
            _subject = quad.Subject;
        }

        _xml.WriteStartElement(PrefixFor(ns), local, ns);
        switch (quad.Object)
        {
            case Literal literal:
                if (literal.Language is not null) _xml.WriteAttributeString("xml", "lang", XmlNamespace, literal.Language);
                else if (!ReferenceEquals(literal.Datatype, Xsd.String) && literal.Datatype.Value != Xsd.StringIri)
                    _xml.WriteAttributeString("rdf", "datatype", RdfNamespace, literal.Datatype.Value);
                _xml.WriteString(literal.Value);
                break;
            default:
                WriteNodeAttribute(quad.Object, "resource");
                break;
        }
        _xml.WriteEndElement();
        StatementCount++;
    }

    protected override void OnFinish()
    {
        Start();
        if (_subject is not null) _xml.WriteEndElement();
        _xml.WriteEndElement();
        _xml.WriteEndDocument();
        _xml.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _xml.Dispose();
    }

    private void Start()
    {
        if (_started) return;
        _started = true;
        _xml.WriteStartDocument();
        _xml.WriteStartElement("rdf", "RDF", RdfNamespace);
        foreach (var (ns, prefix) in _declared)
            _xml.WriteAttributeString("xmlns", prefix, XmlnsNamespace, ns);
        if (_base is not null) _xml.WriteAttributeString("xml", "base", XmlNamespace, _base);
    }

    /// <summary>rdf:about or rdf:resource for an IRI, rdf:nodeID for a blank node.</summary>
    private void WriteNodeAttribute(Term node, string iriAttribute)
    {
        if (node is BlankNode blank) _xml.WriteAttributeString("rdf", "nodeID", RdfNamespace, NodeId(blank));
        else _xml.WriteAttributeString("rdf", iriAttribute, RdfNamespace, Reference(((Iri)node).Value));
    }

    /// <summary>
    /// The IRI relative to the base where that is certain to resolve back to it (same document,
    /// other fragment); otherwise the IRI itself.
    /// </summary>
    private string Reference(string iri)
    {
        if (_base is null || !iri.StartsWith(_base, StringComparison.Ordinal)) return iri;
        if (iri.Length == _base.Length) return "";
        return iri[_base.Length] == '#' ? iri[_base.Length..] : iri;
    }

    /// <summary>
    /// A blank node's id as an rdf:nodeID. Ids that are not NCNames, and ids starting with '_', are written
    /// as '_' plus their UTF-8 bytes in hex, so distinct nodes keep distinct names.
    /// </summary>
    private static string NodeId(BlankNode node)
    {
        var id = node.Id;
        if (IsNCName(id) && id[0] != '_') return id;
        return "_" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(id));
    }

    private string PrefixFor(string ns)
    {
        if (_declared.TryGetValue(ns, out var prefix) || _generated.TryGetValue(ns, out prefix)) return prefix;
        int n = _generated.Count + 1;
        do prefix = "ns" + n++;
        while (_usedPrefixes.Contains(prefix));
        _usedPrefixes.Add(prefix);
        _generated[ns] = prefix;
        return prefix;
    }

    /// <summary>Splits a predicate IRI into a namespace and the longest local name an XML element can have.</summary>
    private static (string Namespace, string Local) SplitPredicate(Iri predicate)
    {
        var iri = predicate.Value;
        if (iri.StartsWith(RdfNamespace, StringComparison.Ordinal))
        {
            if (iri == Li || PropertyElementProblem(iri) is not null)
                throw NotWritable($"the predicate {predicate} is RDF/XML syntax and cannot be written as a property element.");
        }
        int start = iri.Length;
        while (start > 0 && XmlConvert.IsNCNameChar(iri[start - 1])) start--;
        while (start < iri.Length && !XmlConvert.IsStartNCNameChar(iri[start])) start++;
        if (start == iri.Length || start == 0)
            throw NotWritable(
                $"the predicate {predicate} cannot be written in RDF/XML: an element name needs the IRI to end in a name " +
                "(a letter or '_' followed by letters, digits, '-', '.' or '_'), as in http://example.org/ns#name.");
        CheckXmlText(iri, "the predicate IRI");
        var ns = iri[..start];
        if (ns is XmlNamespace or XmlnsNamespace)
            throw NotWritable($"the predicate {predicate} is in a namespace that XML reserves.");
        return (ns, iri[start..]);
    }

    private static void CheckWritable(Term term, bool subject = false)
    {
        switch (term)
        {
            case Literal when subject:
                throw NotWritable($"the literal {term} cannot be the subject of a triple.");
            case Iri iri: CheckXmlText(iri.Value, "the IRI " + iri); break;
            case Literal literal: CheckXmlText(literal.Value, "the literal " + literal); break;
        }
    }

    /// <summary>XML 1.0 cannot hold most control characters, not even as character references.</summary>
    private static void CheckXmlText(string value, string what)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c >= 0x20 && c < 0xD800 || c is '\t' or '\n' or '\r' || c >= 0xE000 && c <= 0xFFFD) continue;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            throw NotWritable($"{what} contains U+{(int)c:X4}, which XML 1.0 cannot represent; use N-Triples or Turtle for this data.");
        }
    }

    private static TripleStoreException NotWritable(string message) =>
        new(ErrorCodes.NotRepresentable, ErrorKind.InvalidOperation, "Cannot write RDF/XML: " + message);
}
