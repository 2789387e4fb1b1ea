using TripleStore.Rdf;

namespace TripleStore.Sparql.Update;

/// <summary>LOAD &lt;source&gt; [INTO GRAPH &lt;g&gt;].</summary>
public sealed record LoadOperation(Iri Source, Iri? Into, bool Silent) : UpdateOperation;
