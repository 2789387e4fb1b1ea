namespace TripleStore.Reasoning.Rules;

/// <summary>
/// The RDFS entailment rules of RDF 1.1 Semantics §9.2.1. rdfs4a and rdfs4b (every subject and object is an
/// rdfs:Resource) double the store and say nothing a query can use, so they run only when named; rdfs1
/// (a datatype of a literal is an rdfs:Datatype) is not implemented — see docs/reasoning.md.
/// </summary>
internal static class RdfsRules
{
    public const string Table = """
        rdfs2: ?p rdfs:domain ?c . ?x ?p ?y -> ?x rdf:type ?c
        rdfs3: ?p rdfs:range ?c . ?x ?p ?y -> ?y rdf:type ?c
        rdfs4a: ?x ?p ?y -> ?x rdf:type rdfs:Resource
        rdfs4b: ?x ?p ?y -> ?y rdf:type rdfs:Resource
        rdfs5: ?p1 rdfs:subPropertyOf ?p2 . ?p2 rdfs:subPropertyOf ?p3 -> ?p1 rdfs:subPropertyOf ?p3
        rdfs6: ?p rdf:type rdf:Property -> ?p rdfs:subPropertyOf ?p
        rdfs7: ?p1 rdfs:subPropertyOf ?p2 . ?x ?p1 ?y -> ?x ?p2 ?y
        rdfs8: ?c rdf:type rdfs:Class -> ?c rdfs:subClassOf rdfs:Resource
        rdfs9: ?c1 rdfs:subClassOf ?c2 . ?x rdf:type ?c1 -> ?x rdf:type ?c2
        rdfs10: ?c rdf:type rdfs:Class -> ?c rdfs:subClassOf ?c
        rdfs11: ?c1 rdfs:subClassOf ?c2 . ?c2 rdfs:subClassOf ?c3 -> ?c1 rdfs:subClassOf ?c3
        rdfs12: ?p rdf:type rdfs:ContainerMembershipProperty -> ?p rdfs:subPropertyOf rdfs:member
        rdfs13: ?c rdf:type rdfs:Datatype -> ?c rdfs:subClassOf rdfs:Literal
        """;

    public static readonly string[] OptIn = ["rdfs4a", "rdfs4b"];
}
