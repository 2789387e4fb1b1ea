using System.Text;
using TripleStore.Rdf;

namespace TripleStore.Formats.RdfXml;

/// <summary>What an open element is in the RDF/XML grammar, which decides how its children are read.</summary>
internal enum RdfXmlFrameKind
{
    /// <summary>rdf:RDF: its children are node elements.</summary>
    Root,

    /// <summary>A node element, or a property element with rdf:parseType="Resource": its children are property elements of <see cref="RdfXmlFrame.Subject"/>.</summary>
    Node,

    /// <summary>A property element whose content (text, one node element, or nothing) is not known yet.</summary>
    Property,

    /// <summary>A property element with rdf:parseType="Collection": its children are the list's members.</summary>
    Collection,
}

/// <summary>
/// One open element of the RDF/XML document. Frames are reused as the stack grows and shrinks, so reading
/// allocates no frames once the deepest nesting has been seen.
/// </summary>
internal sealed class RdfXmlFrame
{
    public RdfXmlFrameKind Kind;

    /// <summary>The in-scope base IRI (xml:base) and language (xml:lang, null when none).</summary>
    public string Base = "";
    public string? Language;

    /// <summary>Node: the node. Property and Collection: the subject of the property.</summary>
    public Term Subject = null!;

    /// <summary>Node: the next rdf:li number.</summary>
    public int NextMember;

    public Iri Predicate = null!;

    /// <summary>The statement IRI from rdf:ID on a property element, which reifies the triple.</summary>
    public Iri? Reification;

    public Iri? Datatype;

    /// <summary>The object named by rdf:resource or rdf:nodeID on an empty property element.</summary>
    public Term? AttributeObject;

    /// <summary>Property attributes of an empty property element, describing its object.</summary>
    public readonly List<(Iri Iri, string Value)> PropertyAttributes = new();

    /// <summary>True when rdf:resource, rdf:nodeID or property attributes make this an empty property element.</summary>
    public bool HasObjectAttributes => AttributeObject is not null || PropertyAttributes.Count > 0;

    public readonly StringBuilder Text = new();
    public bool TextIsWhitespace = true;

    /// <summary>Property: the node element it contains has been read.</summary>
    public bool HasNodeChild;

    /// <summary>Collection: the last list cell written so far, null while the list is empty.</summary>
    public BlankNode? LastCell;

    public void Reset(RdfXmlFrameKind kind, string baseIri, string? language)
    {
        Kind = kind;
        Base = baseIri;
        Language = language;
        Subject = null!;
        NextMember = 1;
        Predicate = null!;
        Reification = null;
        Datatype = null;
        AttributeObject = null;
        PropertyAttributes.Clear();
        Text.Clear();
        // A long literal should not pin its buffer for the rest of the document.
        if (Text.Capacity > 4096) Text.Capacity = 256;
        TextIsWhitespace = true;
        HasNodeChild = false;
        LastCell = null;
    }
}
