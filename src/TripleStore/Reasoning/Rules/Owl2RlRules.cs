namespace TripleStore.Reasoning.Rules;

/// <summary>
/// The OWL 2 RL/RDF rules of OWL 2 Profiles §4.3 that are plain triple patterns. Rules over lists
/// (cls-int1/2, cls-uni, cls-oo, prp-spo2, prp-key, prp-adp, cax-adc, scm-int, scm-uni) are instantiated
/// per list by <see cref="ListRules"/>; the equality rules (eq-*) are realised by representative rewriting
/// in the materializer. Cardinality rules are listed for both xsd:nonNegativeInteger (the specification)
/// and xsd:integer (what Turtle's bare <c>1</c> gives).
/// </summary>
internal static class Owl2RlRules
{
    public const string Table = """
        prp-dom: ?p rdfs:domain ?c . ?x ?p ?y -> ?x rdf:type ?c
        prp-rng: ?p rdfs:range ?c . ?x ?p ?y -> ?y rdf:type ?c
        prp-fp: ?p rdf:type owl:FunctionalProperty . ?x ?p ?y1 . ?x ?p ?y2 -> ?y1 owl:sameAs ?y2
        prp-ifp: ?p rdf:type owl:InverseFunctionalProperty . ?x1 ?p ?y . ?x2 ?p ?y -> ?x1 owl:sameAs ?x2
        prp-irp: ?p rdf:type owl:IrreflexiveProperty . ?x ?p ?x -> false ; an irreflexive property relates an individual to itself
        prp-symp: ?p rdf:type owl:SymmetricProperty . ?x ?p ?y -> ?y ?p ?x
        prp-asyp: ?p rdf:type owl:AsymmetricProperty . ?x ?p ?y . ?y ?p ?x -> false ; an asymmetric property holds in both directions
        prp-trp: ?p rdf:type owl:TransitiveProperty . ?x ?p ?y . ?y ?p ?z -> ?x ?p ?z
        prp-spo1: ?p1 rdfs:subPropertyOf ?p2 . ?x ?p1 ?y -> ?x ?p2 ?y
        prp-eqp1: ?p1 owl:equivalentProperty ?p2 . ?x ?p1 ?y -> ?x ?p2 ?y
        prp-eqp2: ?p1 owl:equivalentProperty ?p2 . ?x ?p2 ?y -> ?x ?p1 ?y
        prp-pdw: ?p1 owl:propertyDisjointWith ?p2 . ?x ?p1 ?y . ?x ?p2 ?y -> false ; two disjoint properties relate the same pair
        prp-inv1: ?p1 owl:inverseOf ?p2 . ?x ?p1 ?y -> ?y ?p2 ?x
        prp-inv2: ?p1 owl:inverseOf ?p2 . ?x ?p2 ?y -> ?y ?p1 ?x
        prp-npa1: ?x owl:sourceIndividual ?i1 . ?x owl:assertionProperty ?p . ?x owl:targetIndividual ?i2 . ?i1 ?p ?i2 -> false ; a negative property assertion is contradicted
        prp-npa2: ?x owl:sourceIndividual ?i . ?x owl:assertionProperty ?p . ?x owl:targetValue ?lt . ?i ?p ?lt -> false ; a negative data property assertion is contradicted
        cls-thing: -> owl:Thing rdf:type owl:Class
        cls-nothing1: -> owl:Nothing rdf:type owl:Class
        cls-nothing2: ?x rdf:type owl:Nothing -> false ; an individual is a member of owl:Nothing
        cls-com: ?c1 owl:complementOf ?c2 . ?x rdf:type ?c1 . ?x rdf:type ?c2 -> false ; an individual is in a class and in its complement
        cls-svf1: ?x owl:someValuesFrom ?y . ?x owl:onProperty ?p . ?u ?p ?v . ?v rdf:type ?y -> ?u rdf:type ?x
        cls-svf2: ?x owl:someValuesFrom owl:Thing . ?x owl:onProperty ?p . ?u ?p ?v -> ?u rdf:type ?x
        cls-avf: ?x owl:allValuesFrom ?y . ?x owl:onProperty ?p . ?u rdf:type ?x . ?u ?p ?v -> ?v rdf:type ?y
        cls-hv1: ?x owl:hasValue ?y . ?x owl:onProperty ?p . ?u rdf:type ?x -> ?u ?p ?y
        cls-hv2: ?x owl:hasValue ?y . ?x owl:onProperty ?p . ?u ?p ?y -> ?u rdf:type ?x
        cls-maxc1: ?x owl:maxCardinality "0"^^xsd:nonNegativeInteger . ?x owl:onProperty ?p . ?u rdf:type ?x . ?u ?p ?y -> false ; a max-0 cardinality restriction is violated
        cls-maxc1: ?x owl:maxCardinality "0"^^xsd:integer . ?x owl:onProperty ?p . ?u rdf:type ?x . ?u ?p ?y -> false ; a max-0 cardinality restriction is violated
        cls-maxc2: ?x owl:maxCardinality "1"^^xsd:nonNegativeInteger . ?x owl:onProperty ?p . ?u rdf:type ?x . ?u ?p ?y1 . ?u ?p ?y2 -> ?y1 owl:sameAs ?y2
        cls-maxc2: ?x owl:maxCardinality "1"^^xsd:integer . ?x owl:onProperty ?p . ?u rdf:type ?x . ?u ?p ?y1 . ?u ?p ?y2 -> ?y1 owl:sameAs ?y2
        cls-maxqc1: ?x owl:maxQualifiedCardinality "0"^^xsd:nonNegativeInteger . ?x owl:onProperty ?p . ?x owl:onClass ?c . ?u rdf:type ?x . ?u ?p ?y . ?y rdf:type ?c -> false ; a max-0 qualified cardinality restriction is violated
        cls-maxqc1: ?x owl:maxQualifiedCardinality "0"^^xsd:integer . ?x owl:onProperty ?p . ?x owl:onClass ?c . ?u rdf:type ?x . ?u ?p ?y . ?y rdf:type ?c -> false ; a max-0 qualified cardinality restriction is violated
        cls-maxqc2: ?x owl:maxQualifiedCardinality "0"^^xsd:nonNegativeInteger . ?x owl:onProperty ?p . ?x owl:onClass owl:Thing . ?u rdf:type ?x . ?u ?p ?y -> false ; a max-0 qualified cardinality restriction on owl:Thing is violated
        cls-maxqc2: ?x owl:maxQualifiedCardinality "0"^^xsd:integer . ?x owl:onProperty ?p . ?x owl:onClass owl:Thing . ?u rdf:type ?x . ?u ?p ?y -> false ; a max-0 qualified cardinality restriction on owl:Thing is violated
        cls-maxqc3: ?x owl:maxQualifiedCardinality "1"^^xsd:nonNegativeInteger . ?x owl:onProperty ?p . ?x owl:onClass ?c . ?u rdf:type ?x . ?u ?p ?y1 . ?y1 rdf:type ?c . ?u ?p ?y2 . ?y2 rdf:type ?c -> ?y1 owl:sameAs ?y2
        cls-maxqc3: ?x owl:maxQualifiedCardinality "1"^^xsd:integer . ?x owl:onProperty ?p . ?x owl:onClass ?c . ?u rdf:type ?x . ?u ?p ?y1 . ?y1 rdf:type ?c . ?u ?p ?y2 . ?y2 rdf:type ?c -> ?y1 owl:sameAs ?y2
        cls-maxqc4: ?x owl:maxQualifiedCardinality "1"^^xsd:nonNegativeInteger . ?x owl:onProperty ?p . ?x owl:onClass owl:Thing . ?u rdf:type ?x . ?u ?p ?y1 . ?u ?p ?y2 -> ?y1 owl:sameAs ?y2
        cls-maxqc4: ?x owl:maxQualifiedCardinality "1"^^xsd:integer . ?x owl:onProperty ?p . ?x owl:onClass owl:Thing . ?u rdf:type ?x . ?u ?p ?y1 . ?u ?p ?y2 -> ?y1 owl:sameAs ?y2
        cax-sco: ?c1 rdfs:subClassOf ?c2 . ?x rdf:type ?c1 -> ?x rdf:type ?c2
        cax-eqc1: ?c1 owl:equivalentClass ?c2 . ?x rdf:type ?c1 -> ?x rdf:type ?c2
        cax-eqc2: ?c1 owl:equivalentClass ?c2 . ?x rdf:type ?c2 -> ?x rdf:type ?c1
        cax-dw: ?c1 owl:disjointWith ?c2 . ?x rdf:type ?c1 . ?x rdf:type ?c2 -> false ; an individual is a member of two disjoint classes
        dt-type1: -> rdf:PlainLiteral rdf:type rdfs:Datatype . rdf:XMLLiteral rdf:type rdfs:Datatype . rdfs:Literal rdf:type rdfs:Datatype . xsd:string rdf:type rdfs:Datatype . xsd:boolean rdf:type rdfs:Datatype . xsd:decimal rdf:type rdfs:Datatype . xsd:integer rdf:type rdfs:Datatype . xsd:nonNegativeInteger rdf:type rdfs:Datatype . xsd:double rdf:type rdfs:Datatype . xsd:float rdf:type rdfs:Datatype . xsd:dateTime rdf:type rdfs:Datatype . xsd:anyURI rdf:type rdfs:Datatype
        scm-cls: ?c rdf:type owl:Class -> ?c rdfs:subClassOf ?c . ?c owl:equivalentClass ?c . ?c rdfs:subClassOf owl:Thing . owl:Nothing rdfs:subClassOf ?c
        scm-sco: ?c1 rdfs:subClassOf ?c2 . ?c2 rdfs:subClassOf ?c3 -> ?c1 rdfs:subClassOf ?c3
        scm-eqc1: ?c1 owl:equivalentClass ?c2 -> ?c1 rdfs:subClassOf ?c2 . ?c2 rdfs:subClassOf ?c1
        scm-eqc2: ?c1 rdfs:subClassOf ?c2 . ?c2 rdfs:subClassOf ?c1 -> ?c1 owl:equivalentClass ?c2
        scm-op: ?p rdf:type owl:ObjectProperty -> ?p rdfs:subPropertyOf ?p . ?p owl:equivalentProperty ?p
        scm-dp: ?p rdf:type owl:DatatypeProperty -> ?p rdfs:subPropertyOf ?p . ?p owl:equivalentProperty ?p
        scm-spo: ?p1 rdfs:subPropertyOf ?p2 . ?p2 rdfs:subPropertyOf ?p3 -> ?p1 rdfs:subPropertyOf ?p3
        scm-eqp1: ?p1 owl:equivalentProperty ?p2 -> ?p1 rdfs:subPropertyOf ?p2 . ?p2 rdfs:subPropertyOf ?p1
        scm-eqp2: ?p1 rdfs:subPropertyOf ?p2 . ?p2 rdfs:subPropertyOf ?p1 -> ?p1 owl:equivalentProperty ?p2
        scm-dom1: ?p rdfs:domain ?c1 . ?c1 rdfs:subClassOf ?c2 -> ?p rdfs:domain ?c2
        scm-dom2: ?p2 rdfs:domain ?c . ?p1 rdfs:subPropertyOf ?p2 -> ?p1 rdfs:domain ?c
        scm-rng1: ?p rdfs:range ?c1 . ?c1 rdfs:subClassOf ?c2 -> ?p rdfs:range ?c2
        scm-rng2: ?p2 rdfs:range ?c . ?p1 rdfs:subPropertyOf ?p2 -> ?p1 rdfs:range ?c
        scm-hv: ?c1 owl:hasValue ?i . ?c1 owl:onProperty ?p1 . ?c2 owl:hasValue ?i . ?c2 owl:onProperty ?p2 . ?p1 rdfs:subPropertyOf ?p2 -> ?c1 rdfs:subClassOf ?c2
        scm-svf1: ?c1 owl:someValuesFrom ?y1 . ?c1 owl:onProperty ?p . ?c2 owl:someValuesFrom ?y2 . ?c2 owl:onProperty ?p . ?y1 rdfs:subClassOf ?y2 -> ?c1 rdfs:subClassOf ?c2
        scm-svf2: ?c1 owl:someValuesFrom ?y . ?c1 owl:onProperty ?p1 . ?c2 owl:someValuesFrom ?y . ?c2 owl:onProperty ?p2 . ?p1 rdfs:subPropertyOf ?p2 -> ?c1 rdfs:subClassOf ?c2
        scm-avf1: ?c1 owl:allValuesFrom ?y1 . ?c1 owl:onProperty ?p . ?c2 owl:allValuesFrom ?y2 . ?c2 owl:onProperty ?p . ?y1 rdfs:subClassOf ?y2 -> ?c1 rdfs:subClassOf ?c2
        scm-avf2: ?c1 owl:allValuesFrom ?y . ?c1 owl:onProperty ?p1 . ?c2 owl:allValuesFrom ?y . ?c2 owl:onProperty ?p2 . ?p1 rdfs:subPropertyOf ?p2 -> ?c2 rdfs:subClassOf ?c1
        eq-diff1: ?x owl:differentFrom ?x -> false ; an individual is both the same as and different from another
        """;

    /// <summary>Rules realised by the materializer itself rather than by a table row.</summary>
    public static readonly string[] EqualityRules = ["eq-ref", "eq-sym", "eq-trans", "eq-rep-s", "eq-rep-p", "eq-rep-o", "eq-diff2", "eq-diff3"];

    /// <summary>The rules instantiated per list (see <see cref="ListRules"/>).</summary>
    public static readonly string[] ListRuleNames = ["cls-int1", "cls-int2", "cls-uni", "cls-oo", "prp-spo2", "prp-key", "prp-adp", "cax-adc", "scm-int", "scm-uni"];
}
