using System.Xml;
using TripleStore.Rdf;
using static TripleStore.Formats.RdfXml.RdfXmlNames;

namespace TripleStore.Formats.RdfXml;

/// <summary>
/// A streaming RDF/XML reader (RDF 1.1 XML Syntax). It pulls XML nodes from an <see cref="XmlReader"/>
/// and keeps only the stack of open elements, so memory does not grow with the document, except for the
/// content of one rdf:parseType="Literal" element and the set of rdf:ID values (which must be unique).
/// </summary>
public sealed class RdfXmlReader : RdfReader
{
    // Entities declared in an internal DTD subset are legal XML, and ontology editors use them for
    // namespace IRIs (&owl;Class). The cap keeps "billion laughs" documents from expanding without bound
    // while leaving room for some 250,000 references to a 40-character namespace entity.
    internal const long MaxCharactersFromEntities = 10L * 1024 * 1024;

    private const int NameCacheLimit = 16 * 1024;

    private readonly XmlReader _xml;
    private readonly IXmlLineInfo? _lineInfo;
    private readonly List<RdfXmlFrame> _frames = new();
    private int _depth;
    private readonly List<Quad> _pending = new();
    private int _pendingHead;
    private readonly List<Attribute> _attributes = new();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Namespace, string Local), (string Uri, Iri Iri)> _names = new();
    private readonly XmlLiteralCanonicalizer _literals = new();
    private readonly ReferenceResolver _references = new();
    private readonly string _documentBase;
    private bool _positioned;
    private (int Line, int Column) _lastPosition = (1, 1);
    private bool _finished;

    private readonly record struct Attribute(string Uri, Iri Iri, string Value, int Line, int Column);

    /// <summary>Reads already decoded text; an encoding declaration in the document is ignored.</summary>
    public RdfXmlReader(TextReader input, RdfReaderOptions options)
        : this(XmlReader.Create(input ?? throw new ArgumentNullException(nameof(input)), Settings), options)
    {
    }

    /// <summary>Reads bytes, decoding them as the byte-order mark or the XML declaration (encoding="...") says.</summary>
    public RdfXmlReader(Stream input, RdfReaderOptions options)
        : this(XmlReader.Create(input ?? throw new ArgumentNullException(nameof(input)), Settings), options)
    {
    }

    private RdfXmlReader(XmlReader xml, RdfReaderOptions options) : base(options)
    {
        _xml = xml;
        _lineInfo = _xml as IXmlLineInfo;
        _documentBase = options.BaseIri ?? "";
    }

    private static XmlReaderSettings Settings => new()
    {
        DtdProcessing = DtdProcessing.Parse,
        XmlResolver = null,
        MaxCharactersFromEntities = MaxCharactersFromEntities,
        IgnoreComments = true,
        IgnoreWhitespace = false,
        CloseInput = true,
    };

    public override RdfFormat Format => RdfFormat.RdfXml;

    public override bool TryRead(out Quad quad)
    {
        while (_pendingHead == _pending.Count)
        {
            _pending.Clear();
            _pendingHead = 0;
            if (_finished || !Step())
            {
                _finished = true;
                quad = default;
                return false;
            }
        }
        quad = _pending[_pendingHead++];
        StatementCount++;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _xml.Dispose();
    }

    /// <summary>Reads one XML node and queues the triples it completes; false at the end of the document.</summary>
    private bool Step()
    {
        int mark = _pending.Count;
        bool atStartTag = false;
        try
        {
            if (_positioned) _positioned = false;
            else if (!_xml.Read()) return false;

            _lastPosition = CurrentPosition();
            switch (_xml.NodeType)
            {
                case XmlNodeType.Element:
                    atStartTag = true;
                    OnStartElement();
                    break;
                case XmlNodeType.EndElement:
                    OnEndElement();
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    OnText(_xml.Value);
                    break;
            }
            return true;
        }
        catch (RdfXmlContentException ex)
        {
            _pending.RemoveRange(mark, _pending.Count - mark);
            var (line, column) = ex.Position ?? CurrentPosition();
            var error = new RdfSyntaxError(new SourcePosition(Options.SourceName, line, column), ex.Message);
            if (ex.Code != ErrorCodes.RdfSyntax) throw new RdfSyntaxException(error, ex.Code);
            ReportError(error);
            if (!atStartTag) return true;
            // A property whose node element was dropped must not turn into an empty literal.
            if (Top is { Kind: RdfXmlFrameKind.Property } property) property.HasNodeChild = true;
            try
            {
                SkipElement();
            }
            catch (XmlException xmlError)
            {
                return NotWellFormed(xmlError);
            }
            return true;
        }
        catch (XmlException ex)
        {
            return NotWellFormed(ex);
        }
    }

    /// <summary>The XML reader cannot go on after a well-formedness error, so even lenient reading stops.</summary>
    private bool NotWellFormed(XmlException ex)
    {
        // Errors inside entity expansion carry no position; the last node read is the best clue.
        var (line, column) = ex.LineNumber > 0 ? (ex.LineNumber, ex.LinePosition) : _lastPosition;
        ReportError(new RdfSyntaxError(new SourcePosition(Options.SourceName, line, column),
            "the document is not well-formed XML: " + ex.Message));
        return false;
    }

    /// <summary>In lenient mode, drops an element that broke the grammar together with everything inside it.</summary>
    private void SkipElement()
    {
        if (_xml.NodeType == XmlNodeType.Attribute) _xml.MoveToElement();
        if (_xml.NodeType != XmlNodeType.Element || _xml.IsEmptyElement) return;
        _xml.Skip();
        _positioned = true;
    }

    private (int Line, int Column) CurrentPosition() =>
        _lineInfo is { } info && info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (0, 0);

    private RdfXmlFrame? Top => _depth == 0 ? null : _frames[_depth - 1];

    private RdfXmlFrame Push(RdfXmlFrameKind kind, string baseIri, string? language)
    {
        if (_depth == _frames.Count) _frames.Add(new RdfXmlFrame());
        var frame = _frames[_depth++];
        frame.Reset(kind, baseIri, language);
        return frame;
    }

    // ---- start tags ----

    private void OnStartElement()
    {
        if (_xml.Depth >= Options.MaxNestingDepth)
            throw new RdfXmlContentException($"elements are nested deeper than {Options.MaxNestingDepth} levels", ErrorCodes.InputTooDeep);

        var parent = Top;
        bool empty = _xml.IsEmptyElement;
        var (uri, iri) = ElementName();
        var (baseIri, language) = ReadAttributes(parent?.Base ?? _documentBase, parent?.Language);

        bool consumed = false;
        if (parent is null)
        {
            if (uri == RdfRoot) StartRoot(baseIri, language);
            else StartNodeElement(null, uri, iri, baseIri, language);
        }
        else
        {
            switch (parent.Kind)
            {
                case RdfXmlFrameKind.Root:
                case RdfXmlFrameKind.Collection:
                    StartNodeElement(parent, uri, iri, baseIri, language);
                    break;
                case RdfXmlFrameKind.Node:
                    consumed = StartPropertyElement(parent, uri, iri, baseIri, language);
                    break;
                case RdfXmlFrameKind.Property:
                    StartNodeElement(parent, uri, iri, baseIri, language);
                    break;
            }
        }
        if (empty && !consumed) OnEndElement();
    }

    private (string Uri, Iri Iri) ElementName()
    {
        string ns = _xml.NamespaceURI, local = _xml.LocalName;
        if (ns.Length == 0)
            throw new RdfXmlContentException($"element '{local}' has no namespace; RDF/XML needs namespace-qualified element names such as ex:{local}");
        return Name(ns, local);
    }

    /// <summary>The IRI an element or attribute name stands for, shared between the many elements that use it.</summary>
    private (string Uri, Iri Iri) Name(string ns, string local)
    {
        if (_names.TryGetValue((ns, local), out var name)) return name;
        var uri = ns + local;
        name = (uri, new Iri(uri));
        if (_names.Count < NameCacheLimit) _names.Add((ns, local), name);
        return name;
    }

    /// <summary>Collects the RDF attributes of the current element and works out its base IRI and language.</summary>
    private (string Base, string? Language) ReadAttributes(string baseIri, string? language)
    {
        _attributes.Clear();
        if (!_xml.MoveToFirstAttribute()) return (baseIri, language);
        string? xmlBase = null;
        int baseLine = 0, baseColumn = 0;
        do
        {
            string ns = _xml.NamespaceURI, local = _xml.LocalName;
            if (ns == XmlnsNamespace)
            {
                // Reported like Turtle's @prefix, so a converter can keep the document's prefixes.
                DeclarePrefix(_xml.Prefix.Length == 0 ? "" : local, _xml.Value);
                continue;
            }
            var (line, column) = CurrentPosition();
            if (_xml.Value.Length > Options.MaxTermLength)
                throw new RdfXmlContentException($"attribute value longer than {Options.MaxTermLength} characters", ErrorCodes.InputTooLarge)
                { Position = (line, column) };
            if (ns == XmlNamespace)
            {
                if (local == "lang") language = Language(_xml.Value, line, column);
                else if (local == "base") (xmlBase, baseLine, baseColumn) = (_xml.Value, line, column);
                continue;
            }
            if (ns.Length == 0)
            {
                // Names starting with "xml" are reserved by XML; RDF/XML ignores them.
                if (local.StartsWith("xml", StringComparison.OrdinalIgnoreCase)) continue;
                // Unqualified forms that RDF/XML still accepts for backward compatibility.
                if (local is "ID" or "about" or "resource" or "parseType" or "type") ns = RdfNamespace;
                else
                    throw new RdfXmlContentException(
                        $"attribute '{local}' has no namespace; RDF/XML needs qualified attributes such as rdf:{local} or ex:{local}")
                    { Position = (line, column) };
            }
            else if (_xml.Prefix.StartsWith("xml", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var (uri, iri) = Name(ns, local);
            _attributes.Add(new Attribute(uri, iri, _xml.Value, line, column));
        }
        while (_xml.MoveToNextAttribute());
        _xml.MoveToElement();
        if (xmlBase is not null) baseIri = ResolveIri(baseIri, xmlBase, baseLine, baseColumn).Value;
        return (baseIri, language);
    }

    private static string? Language(string value, int line, int column)
    {
        if (value.Length == 0) return null;
        if (!IsLanguageTag(value))
            throw new RdfXmlContentException($"xml:lang=\"{value}\" is not a language tag (expected e.g. en or en-GB)") { Position = (line, column) };
        return value;
    }

    /// <summary>BCP 47 in outline: a primary subtag of letters, then subtags of letters and digits, each 1 to 8 long.</summary>
    private static bool IsLanguageTag(string value)
    {
        int length = 0;
        bool primary = true;
        foreach (char c in value)
        {
            if (c == '-')
            {
                if (length == 0) return false;
                primary = false;
                length = 0;
            }
            else if (char.IsAsciiLetter(c) || (!primary && char.IsAsciiDigit(c)))
            {
                if (++length > 8) return false;
            }
            else
            {
                return false;
            }
        }
        return length > 0;
    }

    private void StartRoot(string baseIri, string? language)
    {
        foreach (var a in _attributes)
        {
            // rdf:RDF takes no attributes but xml:* and namespace declarations. The mistake does not
            // hide any triple, so a lenient reader reports it and reads the document.
            ReportError(new RdfSyntaxError(new SourcePosition(Options.SourceName, a.Line, a.Column),
                $"rdf:RDF cannot have the attribute {Short(a.Uri)}; expected only namespace declarations, xml:base and xml:lang"));
        }
        Push(RdfXmlFrameKind.Root, baseIri, language);
    }

    private void StartNodeElement(RdfXmlFrame? parent, string uri, Iri iri, string baseIri, string? language)
    {
        if (NodeElementProblem(uri) is { } problem)
            throw new RdfXmlContentException(problem + "; expected a node element such as rdf:Description");

        Term? subject = null;
        string? subjectAttribute = null;
        foreach (var a in _attributes)
        {
            Term? named = a.Uri switch
            {
                Id => NewId(baseIri, a),
                NodeId => BlankNodeLabel(a),
                About => ResolveIri(baseIri, a.Value, a.Line, a.Column),
                _ => null,
            };
            if (named is null) continue;
            if (subjectAttribute is not null)
                throw new RdfXmlContentException(
                    $"a node element can have only one of rdf:ID, rdf:about and rdf:nodeID, but it has {subjectAttribute} and {Short(a.Uri)}")
                { Position = (a.Line, a.Column) };
            subject = named;
            subjectAttribute = Short(a.Uri);
        }
        subject ??= BlankNodes.CreateAnonymous();

        if (parent is not null) LinkToParent(parent, subject);
        if (uri != Description) Emit(subject, RdfVocabulary.Type, iri);
        foreach (var a in _attributes)
        {
            if (a.Uri is Id or NodeId or About) continue;
            EmitPropertyAttribute(subject, a, baseIri, language);
        }
        Push(RdfXmlFrameKind.Node, baseIri, language).Subject = subject;
    }

    /// <summary>Connects a node element to the property element or collection it is the object of.</summary>
    private void LinkToParent(RdfXmlFrame parent, Term node)
    {
        if (parent.Kind == RdfXmlFrameKind.Property)
        {
            if (parent.HasNodeChild)
                throw new RdfXmlContentException("a property element can contain only one node element; expected the end tag of the property element");
            if (!parent.TextIsWhitespace)
                throw new RdfXmlContentException("a property element cannot contain both text and a node element");
            if (parent.HasObjectAttributes || parent.Datatype is not null)
                throw new RdfXmlContentException(
                    "a property element with rdf:resource, rdf:nodeID, rdf:datatype or property attributes cannot contain a node element");
            parent.HasNodeChild = true;
            parent.Text.Clear();
            EmitStatement(parent.Subject, parent.Predicate, node, parent.Reification);
        }
        else if (parent.Kind == RdfXmlFrameKind.Collection)
        {
            var cell = BlankNodes.CreateAnonymous();
            if (parent.LastCell is null) EmitStatement(parent.Subject, parent.Predicate, cell, parent.Reification);
            else Emit(parent.LastCell, RdfVocabulary.Rest, cell);
            Emit(cell, RdfVocabulary.First, node);
            parent.LastCell = cell;
        }
    }

    private void EmitPropertyAttribute(Term subject, in Attribute a, string baseIri, string? language)
    {
        if (PropertyAttributeProblem(a.Uri) is { } problem)
            throw new RdfXmlContentException(problem) { Position = (a.Line, a.Column) };
        if (a.Uri == RdfType) Emit(subject, RdfVocabulary.Type, ResolveIri(baseIri, a.Value, a.Line, a.Column));
        else Emit(subject, a.Iri, MakeLiteral(a.Value, language, null));
    }

    /// <summary>Starts a property element; true when its whole content has been read already (parseType="Literal").</summary>
    private bool StartPropertyElement(RdfXmlFrame parent, string uri, Iri iri, string baseIri, string? language)
    {
        if (PropertyElementProblem(uri) is { } problem)
            throw new RdfXmlContentException(problem + "; expected a property element");

        Iri? reification = null, datatype = null;
        Term? attributeObject = null;
        string? parseType = null, objectAttribute = null;
        int propertyAttributes = 0;
        foreach (var a in _attributes)
        {
            switch (a.Uri)
            {
                case Id:
                    reification = NewId(baseIri, a);
                    break;
                case ParseType:
                    parseType = a.Value;
                    break;
                case Datatype:
                    datatype = ResolveIri(baseIri, a.Value, a.Line, a.Column);
                    break;
                case Resource:
                case NodeId:
                    if (objectAttribute is not null)
                        throw new RdfXmlContentException(
                            $"a property element cannot have both {objectAttribute} and {Short(a.Uri)}") { Position = (a.Line, a.Column) };
                    objectAttribute = Short(a.Uri);
                    attributeObject = a.Uri == Resource ? ResolveIri(baseIri, a.Value, a.Line, a.Column) : BlankNodeLabel(a);
                    break;
                default:
                    if (PropertyAttributeProblem(a.Uri) is { } attributeProblem)
                        throw new RdfXmlContentException(attributeProblem) { Position = (a.Line, a.Column) };
                    propertyAttributes++;
                    break;
            }
        }

        if (parseType is not null)
        {
            if (objectAttribute is not null || datatype is not null || propertyAttributes > 0)
                throw new RdfXmlContentException(
                    $"rdf:parseType cannot be combined with {objectAttribute ?? (datatype is not null ? "rdf:datatype" : "property attributes")}");
        }
        else if (datatype is not null && (objectAttribute is not null || propertyAttributes > 0))
        {
            throw new RdfXmlContentException(
                $"rdf:datatype cannot be combined with {objectAttribute ?? "property attributes"}; a typed literal is text");
        }

        var predicate = uri == Li ? Member(parent.NextMember++) : iri;
        switch (parseType)
        {
            case null:
                var frame = Push(RdfXmlFrameKind.Property, baseIri, language);
                frame.Subject = parent.Subject;
                frame.Predicate = predicate;
                frame.Reification = reification;
                frame.Datatype = datatype;
                frame.AttributeObject = attributeObject;
                foreach (var a in _attributes)
                    if (a.Uri is not (Id or ParseType or Datatype or Resource or NodeId)) frame.PropertyAttributes.Add((a.Iri, a.Value));
                return false;
            case "Resource":
                var node = BlankNodes.CreateAnonymous();
                EmitStatement(parent.Subject, predicate, node, reification);
                Push(RdfXmlFrameKind.Node, baseIri, language).Subject = node;
                return false;
            case "Collection":
                var list = Push(RdfXmlFrameKind.Collection, baseIri, language);
                list.Subject = parent.Subject;
                list.Predicate = predicate;
                list.Reification = reification;
                return false;
            default:
                // "Literal", and any other value, which RDF/XML reads as "Literal".
                var xml = _literals.Read(_xml, Options.MaxNestingDepth - _xml.Depth, Options.MaxTermLength);
                EmitStatement(parent.Subject, predicate, Literal.Typed(xml, XmlLiteral), reification);
                return true;
        }
    }

    // ---- text and end tags ----

    private void OnText(string text)
    {
        var frame = Top;
        if (frame is { Kind: RdfXmlFrameKind.Property })
        {
            bool whitespace = string.IsNullOrWhiteSpace(text);
            if (frame.HasNodeChild && !whitespace)
                throw new RdfXmlContentException("text after the node element of a property element; expected the end tag");
            if (frame.HasNodeChild) return;
            if (frame.Text.Length + text.Length > Options.MaxTermLength)
                throw new RdfXmlContentException($"literal longer than {Options.MaxTermLength} characters", ErrorCodes.InputTooLarge);
            frame.Text.Append(text);
            frame.TextIsWhitespace &= whitespace;
            return;
        }
        if (string.IsNullOrWhiteSpace(text)) return;
        throw new RdfXmlContentException(frame is null
            ? "text outside the document element"
            : $"text is not allowed here; expected {(frame.Kind == RdfXmlFrameKind.Node ? "a property element" : "a node element")}");
    }

    private void OnEndElement()
    {
        var frame = _frames[--_depth];
        switch (frame.Kind)
        {
            case RdfXmlFrameKind.Property:
                EndPropertyElement(frame);
                break;
            case RdfXmlFrameKind.Collection:
                if (frame.LastCell is null) EmitStatement(frame.Subject, frame.Predicate, RdfVocabulary.Nil, frame.Reification);
                else Emit(frame.LastCell, RdfVocabulary.Rest, RdfVocabulary.Nil);
                break;
        }
    }

    private void EndPropertyElement(RdfXmlFrame frame)
    {
        if (frame.HasNodeChild) return;
        bool hasText = frame.Text.Length > 0;
        if (frame.HasObjectAttributes)
        {
            if (hasText && !frame.TextIsWhitespace)
                throw new RdfXmlContentException("a property element with rdf:resource, rdf:nodeID or property attributes must be empty, but it contains text");
            var node = frame.AttributeObject ?? BlankNodes.CreateAnonymous();
            EmitStatement(frame.Subject, frame.Predicate, node, frame.Reification);
            foreach (var (iri, value) in frame.PropertyAttributes)
            {
                if (iri.Value == RdfType) Emit(node, RdfVocabulary.Type, ResolveIri(frame.Base, value, 0, 0));
                else Emit(node, iri, MakeLiteral(value, frame.Language, null));
            }
            return;
        }
        var literal = MakeLiteral(hasText ? frame.Text.ToString() : "", frame.Language, frame.Datatype);
        EmitStatement(frame.Subject, frame.Predicate, literal, frame.Reification);
    }

    // ---- terms ----

    private static Literal MakeLiteral(string value, string? language, Iri? datatype) =>
        datatype is not null ? Literal.Typed(value, datatype)
        : language is not null ? Literal.LangString(value, language)
        : Literal.Simple(value);

    private Iri NewId(string baseIri, in Attribute a)
    {
        if (!IsNCName(a.Value))
            throw new RdfXmlContentException($"rdf:ID=\"{a.Value}\" is not an XML name (NCName)") { Position = (a.Line, a.Column) };
        var iri = ResolveIri(baseIri, "#" + a.Value, a.Line, a.Column);
        if (!_ids.Add(iri.Value))
            throw new RdfXmlContentException($"rdf:ID=\"{a.Value}\" is used twice with the same base IRI ({iri.Value}); each rdf:ID must be unique")
            { Position = (a.Line, a.Column) };
        return iri;
    }

    private BlankNode BlankNodeLabel(in Attribute a)
    {
        if (!IsNCName(a.Value))
            throw new RdfXmlContentException($"rdf:nodeID=\"{a.Value}\" is not an XML name (NCName)") { Position = (a.Line, a.Column) };
        return BlankNodes.Get(a.Value);
    }

    private Iri ResolveIri(string baseIri, string reference, int line, int column)
    {
        var resolved = _references.Resolve(baseIri, reference)
            ?? throw new RdfXmlContentException($"relative IRI \"{reference}\" but there is no base IRI; set xml:base or give the reader a base IRI")
            { Position = line > 0 ? (line, column) : null };
        if (!IriSyntax.HasOnlyIriCharacters(resolved, out var error))
            throw new RdfXmlContentException($"\"{reference}\" is not a valid IRI: {error}") { Position = line > 0 ? (line, column) : null };
        return new Iri(resolved);
    }

    private void Emit(Term subject, Iri predicate, Term obj) => _pending.Add(new Quad(subject, predicate, obj));

    /// <summary>Queues a triple, and its reification when the property element had an rdf:ID.</summary>
    private void EmitStatement(Term subject, Iri predicate, Term obj, Iri? reification)
    {
        Emit(subject, predicate, obj);
        if (reification is null) return;
        Emit(reification, RdfVocabulary.Type, RdfVocabulary.Statement);
        Emit(reification, RdfVocabulary.Subject, subject);
        Emit(reification, RdfVocabulary.Predicate, predicate);
        Emit(reification, RdfVocabulary.Object, obj);
    }
}
