using System.Text;
using System.Xml;

namespace TripleStore.Formats.RdfXml;

/// <summary>
/// Turns the content of an rdf:parseType="Literal" property element into the lexical form of an
/// rdf:XMLLiteral: Exclusive XML Canonicalization (without comments) of the element's children, so two
/// spellings of the same XML give the same literal.
/// </summary>
internal sealed class XmlLiteralCanonicalizer
{
    private readonly StringBuilder _out = new();

    // The namespace declarations rendered on each open output element, innermost last. Exclusive
    // canonicalization declares a prefix only where it is visibly used and not already rendered above.
    private readonly List<Dictionary<string, string>> _rendered = new();

    private readonly List<(string Prefix, string Uri)> _declarations = new();
    private readonly List<(string Namespace, string Local, string Name, string Value)> _attributes = new();

    /// <summary>
    /// Reads from the start tag the reader is on to its end tag and returns the canonical content.
    /// Leaves the reader on that end tag (or on the start tag if it is empty).
    /// </summary>
    public string Read(XmlReader reader, int maxDepth, int maxLength)
    {
        _out.Clear();
        _rendered.Clear();
        if (reader.IsEmptyElement) return "";
        int depth = reader.Depth;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.Depth - depth > maxDepth)
                        throw new RdfXmlContentException($"XML literal nested deeper than {maxDepth} elements", ErrorCodes.InputTooDeep);
                    bool empty = reader.IsEmptyElement;
                    WriteStartTag(reader);
                    if (empty) WriteEndTag(reader.Name);
                    break;
                case XmlNodeType.EndElement:
                    if (reader.Depth == depth) return _out.ToString();
                    WriteEndTag(reader.Name);
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    EscapeText(reader.Value);
                    break;
                case XmlNodeType.ProcessingInstruction:
                    _out.Append("<?").Append(reader.Name);
                    if (reader.Value.Length > 0) _out.Append(' ').Append(reader.Value);
                    _out.Append("?>");
                    break;
            }
            if (_out.Length > maxLength)
                throw new RdfXmlContentException($"XML literal longer than {maxLength} characters", ErrorCodes.InputTooLarge);
        }
        return _out.ToString();
    }

    private void WriteStartTag(XmlReader reader)
    {
        _declarations.Clear();
        _attributes.Clear();
        var rendered = new Dictionary<string, string>(StringComparer.Ordinal);
        Visible(reader.Prefix, reader.NamespaceURI, rendered);
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                if (reader.NamespaceURI == RdfXmlNames.XmlnsNamespace) continue;
                if (reader.Prefix.Length > 0 && reader.Prefix != "xml") Visible(reader.Prefix, reader.NamespaceURI, rendered);
                _attributes.Add((reader.NamespaceURI, reader.LocalName, reader.Name, reader.Value));
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }
        _rendered.Add(rendered);

        _out.Append('<').Append(reader.Name);
        _declarations.Sort((a, b) => string.CompareOrdinal(a.Prefix, b.Prefix));
        foreach (var (prefix, uri) in _declarations)
        {
            _out.Append(prefix.Length == 0 ? " xmlns" : " xmlns:").Append(prefix).Append("=\"");
            EscapeAttribute(uri);
            _out.Append('"');
        }
        _attributes.Sort((a, b) =>
        {
            int c = string.CompareOrdinal(a.Namespace, b.Namespace);
            return c != 0 ? c : string.CompareOrdinal(a.Local, b.Local);
        });
        foreach (var a in _attributes)
        {
            _out.Append(' ').Append(a.Name).Append("=\"");
            EscapeAttribute(a.Value);
            _out.Append('"');
        }
        _out.Append('>');
    }

    /// <summary>Declares <paramref name="prefix"/> on this element unless an output ancestor already did.</summary>
    private void Visible(string prefix, string uri, Dictionary<string, string> rendered)
    {
        if (rendered.ContainsKey(prefix)) return;
        string? inScope = null;
        for (int i = _rendered.Count - 1; i >= 0 && inScope is null; i--)
            _rendered[i].TryGetValue(prefix, out inScope);
        // Outside the literal nothing is rendered, and the default namespace starts out empty.
        inScope ??= prefix.Length == 0 ? "" : null;
        if (inScope == uri) return;
        rendered[prefix] = uri;
        _declarations.Add((prefix, uri));
    }

    private void WriteEndTag(string name)
    {
        _out.Append("</").Append(name).Append('>');
        _rendered.RemoveAt(_rendered.Count - 1);
    }

    private void EscapeText(string text)
    {
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': _out.Append("&amp;"); break;
                case '<': _out.Append("&lt;"); break;
                case '>': _out.Append("&gt;"); break;
                case '\r': _out.Append("&#xD;"); break;
                default: _out.Append(c); break;
            }
        }
    }

    private void EscapeAttribute(string value)
    {
        foreach (char c in value)
        {
            switch (c)
            {
                case '&': _out.Append("&amp;"); break;
                case '<': _out.Append("&lt;"); break;
                case '"': _out.Append("&quot;"); break;
                case '\t': _out.Append("&#x9;"); break;
                case '\n': _out.Append("&#xA;"); break;
                case '\r': _out.Append("&#xD;"); break;
                default: _out.Append(c); break;
            }
        }
    }
}
