using System.Xml;
using TripleStore.Rdf;

namespace TripleStore.Formats.SparqlResults;

/// <summary>SPARQL Query Results XML Format.</summary>
internal sealed class XmlResultsWriter : SparqlResultsWriter
{
    internal const string Namespace = "http://www.w3.org/2005/sparql-results#";
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    private readonly XmlWriter _xml;
    private readonly BlankNodeLabels _labels = new();
    private string[] _variables = [];

    public XmlResultsWriter(TextWriter output) : base(output)
    {
        // The declaration is written by hand: XmlWriter would name the TextWriter's encoding (UTF-16 for a
        // StringWriter), which is wrong once the text is saved as UTF-8. Without it, parsers assume UTF-8.
        output.Write("<?xml version=\"1.0\"?>\n");
        _xml = XmlWriter.Create(output, new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            // A literal's CR must survive: written raw, XML parsers would turn it into LF.
            NewLineHandling = NewLineHandling.Entitize,
            CloseOutput = false,
        });
        _xml.WriteStartElement("sparql", Namespace);
    }

    private protected override void WriteBooleanCore(bool value)
    {
        _xml.WriteStartElement("head", Namespace);
        _xml.WriteEndElement();
        _xml.WriteElementString("boolean", Namespace, value ? "true" : "false");
    }

    private protected override void WriteHeaderCore(IReadOnlyList<string> variables)
    {
        _variables = [.. variables];
        _xml.WriteStartElement("head", Namespace);
        foreach (var v in _variables)
        {
            _xml.WriteStartElement("variable", Namespace);
            _xml.WriteAttributeString("name", v);
            _xml.WriteEndElement();
        }
        _xml.WriteEndElement();
        _xml.WriteStartElement("results", Namespace);
    }

    private protected override void WriteRowCore(ReadOnlySpan<Term?> row)
    {
        _xml.WriteStartElement("result", Namespace);
        for (int i = 0; i < row.Length; i++)
        {
            if (row[i] is not { } term) continue;
            _xml.WriteStartElement("binding", Namespace);
            _xml.WriteAttributeString("name", _variables[i]);
            try
            {
                WriteTerm(term);
            }
            catch (ArgumentException e)
            {
                throw new TripleStoreException(ErrorCodes.QueryEvaluation, ErrorKind.InvalidArgument,
                    $"The value of ?{_variables[i]} contains a character XML 1.0 cannot represent; use the JSON or TSV results format. {e.Message}", e);
            }
            _xml.WriteEndElement();
        }
        _xml.WriteEndElement();
    }

    private void WriteTerm(Term term)
    {
        switch (term)
        {
            case Iri iri:
                _xml.WriteElementString("uri", Namespace, iri.Value);
                break;
            case BlankNode b:
                _xml.WriteElementString("bnode", Namespace, _labels.Get(b));
                break;
            case Literal l:
                _xml.WriteStartElement("literal", Namespace);
                if (l.Language is not null) _xml.WriteAttributeString("xml", "lang", XmlNamespace, l.Language);
                else if (!l.IsSimple) _xml.WriteAttributeString("datatype", l.Datatype.Value);
                _xml.WriteString(l.Value);
                _xml.WriteEndElement();
                break;
        }
    }

    private protected override void FinishCore()
    {
        _xml.WriteEndDocument(); // closes <results> (if open) and <sparql>
        _xml.Flush();
        Output.Write('\n');
    }
}
