using TripleStore.Reasoning;
using Xunit;

namespace TripleStore.Tests.Reasoning;

/// <summary>
/// One case per OWL 2 RL rule: the rule alone (plus the equality handling, which is always on) applied to a
/// small input must give the expected triple; each case is also checked against the naive reasoner.
/// </summary>
public class Owl2RlRuleTests
{
    [Theory]
    [InlineData("prp-dom", ":p rdfs:domain :C . :a :p :b .", ":a rdf:type :C")]
    [InlineData("prp-rng", ":p rdfs:range :C . :a :p :b .", ":b rdf:type :C")]
    [InlineData("prp-fp", ":p a owl:FunctionalProperty . :a :p :b . :a :p :c .", ":b owl:sameAs :c")]
    [InlineData("prp-ifp", ":p a owl:InverseFunctionalProperty . :a :p :c . :b :p :c .", ":a owl:sameAs :b")]
    [InlineData("prp-symp", ":p a owl:SymmetricProperty . :a :p :b .", ":b :p :a")]
    [InlineData("prp-trp", ":p a owl:TransitiveProperty . :a :p :b . :b :p :c .", ":a :p :c")]
    [InlineData("prp-spo1", ":p rdfs:subPropertyOf :q . :a :p :b .", ":a :q :b")]
    [InlineData("prp-spo2", ":p owl:propertyChainAxiom ( :p1 :p2 ) . :a :p1 :b . :b :p2 :c .", ":a :p :c")]
    [InlineData("prp-eqp1", ":p owl:equivalentProperty :q . :a :p :b .", ":a :q :b")]
    [InlineData("prp-eqp2", ":p owl:equivalentProperty :q . :a :q :b .", ":a :p :b")]
    [InlineData("prp-inv1", ":p owl:inverseOf :q . :a :p :b .", ":b :q :a")]
    [InlineData("prp-inv2", ":p owl:inverseOf :q . :a :q :b .", ":b :p :a")]
    [InlineData("prp-key", ":C owl:hasKey ( :k ) . :a a :C ; :k 1 . :b a :C ; :k 1 .", ":a owl:sameAs :b")]
    [InlineData("cls-thing", "", "owl:Thing rdf:type owl:Class")]
    [InlineData("cls-nothing1", "", "owl:Nothing rdf:type owl:Class")]
    [InlineData("cls-int1", ":C owl:intersectionOf ( :A :B ) . :x a :A , :B .", ":x rdf:type :C")]
    [InlineData("cls-int2", ":C owl:intersectionOf ( :A :B ) . :x a :C .", ":x rdf:type :B")]
    [InlineData("cls-uni", ":C owl:unionOf ( :A :B ) . :x a :B .", ":x rdf:type :C")]
    [InlineData("cls-svf1", ":R owl:someValuesFrom :D ; owl:onProperty :p . :u :p :v . :v a :D .", ":u rdf:type :R")]
    [InlineData("cls-svf2", ":R owl:someValuesFrom owl:Thing ; owl:onProperty :p . :u :p :v .", ":u rdf:type :R")]
    [InlineData("cls-avf", ":R owl:allValuesFrom :D ; owl:onProperty :p . :u a :R ; :p :v .", ":v rdf:type :D")]
    [InlineData("cls-hv1", ":R owl:hasValue :v ; owl:onProperty :p . :u a :R .", ":u :p :v")]
    [InlineData("cls-hv2", ":R owl:hasValue :v ; owl:onProperty :p . :u :p :v .", ":u rdf:type :R")]
    [InlineData("cls-maxc2", ":R owl:maxCardinality 1 ; owl:onProperty :p . :u a :R ; :p :a , :b .", ":a owl:sameAs :b")]
    [InlineData("cls-maxqc3", ":R owl:maxQualifiedCardinality 1 ; owl:onProperty :p ; owl:onClass :D . :u a :R ; :p :a , :b . :a a :D . :b a :D .", ":a owl:sameAs :b")]
    [InlineData("cls-maxqc4", ":R owl:maxQualifiedCardinality 1 ; owl:onProperty :p ; owl:onClass owl:Thing . :u a :R ; :p :a , :b .", ":a owl:sameAs :b")]
    [InlineData("cls-oo", ":C owl:oneOf ( :a :b ) .", ":b rdf:type :C")]
    [InlineData("cax-sco", ":A rdfs:subClassOf :B . :x a :A .", ":x rdf:type :B")]
    [InlineData("cax-eqc1", ":A owl:equivalentClass :B . :x a :A .", ":x rdf:type :B")]
    [InlineData("cax-eqc2", ":A owl:equivalentClass :B . :x a :B .", ":x rdf:type :A")]
    [InlineData("dt-type1", "", "xsd:integer rdf:type rdfs:Datatype")]
    [InlineData("scm-cls", ":C a owl:Class .", "owl:Nothing rdfs:subClassOf :C")]
    [InlineData("scm-sco", ":A rdfs:subClassOf :B . :B rdfs:subClassOf :C .", ":A rdfs:subClassOf :C")]
    [InlineData("scm-eqc1", ":A owl:equivalentClass :B .", ":B rdfs:subClassOf :A")]
    [InlineData("scm-eqc2", ":A rdfs:subClassOf :B . :B rdfs:subClassOf :A .", ":A owl:equivalentClass :B")]
    [InlineData("scm-op", ":p a owl:ObjectProperty .", ":p owl:equivalentProperty :p")]
    [InlineData("scm-dp", ":p a owl:DatatypeProperty .", ":p rdfs:subPropertyOf :p")]
    [InlineData("scm-spo", ":p rdfs:subPropertyOf :q . :q rdfs:subPropertyOf :r .", ":p rdfs:subPropertyOf :r")]
    [InlineData("scm-eqp1", ":p owl:equivalentProperty :q .", ":q rdfs:subPropertyOf :p")]
    [InlineData("scm-eqp2", ":p rdfs:subPropertyOf :q . :q rdfs:subPropertyOf :p .", ":p owl:equivalentProperty :q")]
    [InlineData("scm-dom1", ":p rdfs:domain :A . :A rdfs:subClassOf :B .", ":p rdfs:domain :B")]
    [InlineData("scm-dom2", ":q rdfs:domain :A . :p rdfs:subPropertyOf :q .", ":p rdfs:domain :A")]
    [InlineData("scm-rng1", ":p rdfs:range :A . :A rdfs:subClassOf :B .", ":p rdfs:range :B")]
    [InlineData("scm-rng2", ":q rdfs:range :A . :p rdfs:subPropertyOf :q .", ":p rdfs:range :A")]
    [InlineData("scm-hv", ":R1 owl:hasValue :v ; owl:onProperty :p . :R2 owl:hasValue :v ; owl:onProperty :q . :p rdfs:subPropertyOf :q .", ":R1 rdfs:subClassOf :R2")]
    [InlineData("scm-svf1", ":R1 owl:someValuesFrom :A ; owl:onProperty :p . :R2 owl:someValuesFrom :B ; owl:onProperty :p . :A rdfs:subClassOf :B .", ":R1 rdfs:subClassOf :R2")]
    [InlineData("scm-svf2", ":R1 owl:someValuesFrom :A ; owl:onProperty :p . :R2 owl:someValuesFrom :A ; owl:onProperty :q . :p rdfs:subPropertyOf :q .", ":R1 rdfs:subClassOf :R2")]
    [InlineData("scm-avf1", ":R1 owl:allValuesFrom :A ; owl:onProperty :p . :R2 owl:allValuesFrom :B ; owl:onProperty :p . :A rdfs:subClassOf :B .", ":R1 rdfs:subClassOf :R2")]
    [InlineData("scm-avf2", ":R1 owl:allValuesFrom :A ; owl:onProperty :p . :R2 owl:allValuesFrom :A ; owl:onProperty :q . :p rdfs:subPropertyOf :q .", ":R2 rdfs:subClassOf :R1")]
    [InlineData("scm-int", ":C owl:intersectionOf ( :A :B ) .", ":C rdfs:subClassOf :B")]
    [InlineData("scm-uni", ":C owl:unionOf ( :A :B ) .", ":A rdfs:subClassOf :C")]
    public void RuleDerivesItsHead(string rule, string input, string expected)
    {
        using var data = new ReasoningTestData();
        var triples = ReasoningTestData.Parse(input);
        data.Add(triples);
        var result = data.Materialize(rules: [rule]);
        var derived = data.Derived();
        Assert.Contains(ReasoningTestData.T(expected), derived);
        Assert.True(result.IsConsistent);
        var naive = new NaiveReasoner(ReasoningProfile.Owl2Rl, [rule]).Derived(triples);
        Assert.Equal(Sorted(naive), Sorted(derived));
    }

    [Theory]
    [InlineData("eq-sym", ":a owl:sameAs :b .", ":b owl:sameAs :a")]
    [InlineData("eq-trans", ":a owl:sameAs :b . :b owl:sameAs :c .", ":a owl:sameAs :c")]
    [InlineData("eq-rep-s", ":a owl:sameAs :b . :a :p :o .", ":b :p :o")]
    [InlineData("eq-rep-p", ":p owl:sameAs :q . :a :p :o .", ":a :q :o")]
    [InlineData("eq-rep-o", ":a owl:sameAs :b . :s :p :a .", ":s :p :b")]
    public void EqualityRulesFollowFromRepresentatives(string rule, string input, string expected)
    {
        using var data = new ReasoningTestData();
        var triples = ReasoningTestData.Parse(input);
        data.Add(triples);
        data.Materialize(rules: [rule]);
        var derived = data.Derived();
        Assert.Contains(ReasoningTestData.T(expected), derived);
        Assert.DoesNotContain(derived, t => t.Predicate.Value.EndsWith("sameAs") && t.Subject.Equals(t.Object));
        Assert.Equal(Sorted(new NaiveReasoner(ReasoningProfile.Owl2Rl, [rule]).Derived(triples)), Sorted(derived));
    }

    [Theory]
    [InlineData("cls-nothing2", ":x a owl:Nothing .")]
    [InlineData("cax-dw", ":A owl:disjointWith :B . :x a :A , :B .")]
    [InlineData("cax-adc", "[] a owl:AllDisjointClasses ; owl:members ( :A :B :C ) . :x a :A , :C .")]
    [InlineData("cls-com", ":A owl:complementOf :B . :x a :A , :B .")]
    [InlineData("prp-pdw", ":p owl:propertyDisjointWith :q . :a :p :b ; :q :b .")]
    [InlineData("prp-adp", "[] a owl:AllDisjointProperties ; owl:members ( :p :q ) . :a :p :b ; :q :b .")]
    [InlineData("prp-asyp", ":p a owl:AsymmetricProperty . :a :p :b . :b :p :a .")]
    [InlineData("prp-irp", ":p a owl:IrreflexiveProperty . :a :p :a .")]
    [InlineData("prp-npa1", "[] owl:sourceIndividual :a ; owl:assertionProperty :p ; owl:targetIndividual :b . :a :p :b .")]
    [InlineData("prp-npa2", "[] owl:sourceIndividual :a ; owl:assertionProperty :p ; owl:targetValue 5 . :a :p 5 .")]
    [InlineData("cls-maxc1", ":R owl:maxCardinality 0 ; owl:onProperty :p . :u a :R ; :p :a .")]
    [InlineData("cls-maxqc1", ":R owl:maxQualifiedCardinality 0 ; owl:onProperty :p ; owl:onClass :D . :u a :R ; :p :a . :a a :D .")]
    [InlineData("cls-maxqc2", ":R owl:maxQualifiedCardinality 0 ; owl:onProperty :p ; owl:onClass owl:Thing . :u a :R ; :p :a .")]
    [InlineData("eq-diff1", ":a owl:sameAs :b . :a owl:differentFrom :b .")]
    [InlineData("eq-diff2", "[] a owl:AllDifferent ; owl:members ( :a :b ) . :a owl:sameAs :b .")]
    [InlineData("eq-diff3", "[] a owl:AllDifferent ; owl:distinctMembers ( :a :b :c ) . :c owl:sameAs :a .")]
    public void ConstraintIsReportedNotThrown(string rule, string input)
    {
        using var data = new ReasoningTestData();
        var triples = ReasoningTestData.Parse(input);
        data.Add(triples);
        var result = data.Materialize(rules: [rule]);
        Assert.NotEmpty(result.Inconsistencies);
        Assert.All(result.Inconsistencies, inconsistency =>
        {
            Assert.Equal(rule, inconsistency.Rule);
            Assert.NotEmpty(inconsistency.Terms);
            Assert.False(string.IsNullOrEmpty(inconsistency.Message));
        });
        Assert.Equal(result.Inconsistencies.Count, data.Store.ReasoningStatus.InconsistencyCount);
        var naive = new NaiveReasoner(ReasoningProfile.Owl2Rl, [rule]);
        naive.Run(triples);
        Assert.Contains(rule, naive.InconsistentRules);
    }

    [Fact]
    public void ConsistentDataReportsNoInconsistency()
    {
        using var data = new ReasoningTestData();
        data.Add(ReasoningTestData.Parse(":A owl:disjointWith :B . :x a :A . :y a :B . :p a owl:IrreflexiveProperty . :x :p :y ."));
        Assert.Empty(data.Materialize().Inconsistencies);
    }

    internal static List<string> Sorted(IEnumerable<TripleStore.Rdf.Triple> triples) => triples.Select(t => t.ToString()).Order(StringComparer.Ordinal).ToList();
}
