using System.Xml;
using TripleStore.Rdf;

namespace TripleStore.Formats.SparqlResults;

/// <summary>
/// Parses the SPARQL Query Results XML Format with XmlReader, one &lt;result&gt; at a time. DTDs and
/// external entities are refused, so a document cannot make the reader fetch or expand anything.
/// </summary>
internal sealed class XmlResultsParser : ResultsParser
{
    private const string Ns = XmlResultsWriter.Namespace;
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    private readonly XmlReader _xml;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private bool _done;

    public XmlResultsParser(TextReader input, string? sourceName) : base(sourceName)
    {
        _xml = XmlReader.Create(input, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        });
        Guarded(ReadHead);
    }

    public override IEnumerable<Term?[]> Rows()
    {
        while (Guarded(ReadRow) is { } row) yield return row;
    }

    private T Guarded<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (XmlException e)
        {
            // Some XmlExceptions (a refused DTD) carry no position; the reader's own is the next best.
            bool positioned = e.LineNumber > 0;
            throw Error(positioned ? e.LineNumber : Math.Max(Line, 1), positioned ? e.LinePosition : Math.Max(Column, 1), "Invalid XML: " + e.Message);
        }
    }

    private bool ReadHead()
    {
        _xml.MoveToContent();
        ExpectStart("sparql");
        if (_xml.IsEmptyElement) throw ErrorHere("<sparql> is empty; it needs <head> and <results> or <boolean>.");
        _xml.Read();
        _xml.MoveToContent();
        ExpectStart("head");
        var variables = new List<string>();
        long headLine = Line, headColumn = Column;
        if (!_xml.IsEmptyElement)
        {
            _xml.Read();
            while (_xml.MoveToContent() == XmlNodeType.Element)
            {
                if (IsElement("variable"))
                {
                    var name = _xml.GetAttribute("name");
                    if (string.IsNullOrEmpty(name)) throw ErrorHere("<variable> needs a name attribute.");
                    variables.Add(name);
                }
                else if (!IsElement("link")) throw ErrorHere($"Unexpected <{_xml.Name}> in <head>.");
                _xml.Skip();
            }
            ExpectEnd("head");
        }
        _xml.Read();
        _xml.MoveToContent();
        if (IsElement("boolean"))
        {
            long line = Line, column = Column;
            var text = _xml.ReadElementContentAsString().Trim();
            Boolean = text switch
            {
                "true" => true,
                "false" => false,
                _ => throw Error(line, column, $"<boolean> must hold true or false, not '{text}'."),
            };
            _done = true;
            return true;
        }
        ExpectStart("results");
        CheckDistinct(variables, headLine, headColumn);
        Variables = variables;
        for (int i = 0; i < variables.Count; i++) _index[variables[i]] = i;
        if (_xml.IsEmptyElement) _done = true;
        else _xml.Read();
        return true;
    }

    private Term?[]? ReadRow()
    {
        if (_done) return null;
        if (_xml.MoveToContent() != XmlNodeType.Element)
        {
            ExpectEnd("results");
            _done = true;
            return null;
        }
        ExpectStart("result");
        var row = new Term?[Variables.Count];
        if (_xml.IsEmptyElement)
        {
            _xml.Read();
            return row;
        }
        _xml.Read();
        while (_xml.MoveToContent() == XmlNodeType.Element)
        {
            ExpectStart("binding");
            var name = _xml.GetAttribute("name");
            if (name is null || !_index.TryGetValue(name, out int i)) throw ErrorHere($"<binding name=\"{name}\"> names a variable the head does not declare.");
            if (row[i] is not null) throw ErrorHere($"The variable '{name}' is bound twice in one result.");
            if (_xml.IsEmptyElement) throw ErrorHere("<binding> is empty; it needs <uri>, <literal> or <bnode>.");
            _xml.Read();
            _xml.MoveToContent();
            row[i] = ReadTerm();
            _xml.MoveToContent();
            ExpectEnd("binding");
            _xml.Read();
        }
        ExpectEnd("result");
        _xml.Read();
        return row;
    }

    private Term ReadTerm()
    {
        if (_xml.NodeType != XmlNodeType.Element || _xml.NamespaceURI != Ns) throw ErrorHere("Expected <uri>, <literal> or <bnode>.");
        switch (_xml.LocalName)
        {
            case "uri":
                return new Iri(_xml.ReadElementContentAsString());
            case "bnode":
            {
                long line = Line, column = Column;
                var label = _xml.ReadElementContentAsString();
                if (label.Length == 0) throw Error(line, column, "<bnode> needs a label.");
                return BlankNodes.Get(label);
            }
            case "literal":
            {
                long line = Line, column = Column;
                var language = _xml.GetAttribute("lang", XmlNamespace);
                var datatype = _xml.GetAttribute("datatype");
                var value = _xml.ReadElementContentAsString();
                if (language is not null)
                {
                    if (language.Length == 0) throw Error(line, column, "xml:lang must not be empty.");
                    return Literal.LangString(value, language);
                }
                if (datatype is null) return Literal.Simple(value);
                if (datatype == RdfVocabulary.LangStringIri) throw Error(line, column, "An rdf:langString literal needs xml:lang.");
                return Literal.Typed(value, Xsd.Intern(datatype));
            }
            case "triple":
                throw ErrorHere("Triple terms (RDF-star) are not supported.");
            default:
                throw ErrorHere($"Expected <uri>, <literal> or <bnode>, not <{_xml.LocalName}>.");
        }
    }

    private bool IsElement(string localName) =>
        _xml.NodeType == XmlNodeType.Element && _xml.LocalName == localName && _xml.NamespaceURI == Ns;

    private void ExpectStart(string localName)
    {
        if (!IsElement(localName))
            throw ErrorHere(_xml.NodeType == XmlNodeType.Element
                ? $"Expected <{localName}> in the namespace {Ns}, found <{_xml.Name}>{(_xml.NamespaceURI == Ns ? "" : " in " + (_xml.NamespaceURI.Length == 0 ? "no namespace" : _xml.NamespaceURI))}."
                : $"Expected <{localName}>.");
    }

    private void ExpectEnd(string localName)
    {
        if (_xml.NodeType != XmlNodeType.EndElement || _xml.LocalName != localName)
            throw ErrorHere($"Expected </{localName}>{(_xml.NodeType == XmlNodeType.Element ? $", found <{_xml.Name}>" : "")}.");
    }

    private long Line => ((IXmlLineInfo)_xml).LineNumber;
    private long Column => ((IXmlLineInfo)_xml).LinePosition;

    private RdfSyntaxException ErrorHere(string message) => Error(Line, Column, message);
}
