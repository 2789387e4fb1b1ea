using TripleStore.Reasoning;
using Xunit;

namespace TripleStore.Tests.Reasoning;

/// <summary>One case per RDFS rule the materializer applies, each also checked against the naive reasoner.</summary>
public class RdfsRuleTests
{
    [Theory]
    [InlineData("rdfs2", ":p rdfs:domain :C . :a :p :b .", ":a rdf:type :C")]
    [InlineData("rdfs3", ":p rdfs:range :C . :a :p :b .", ":b rdf:type :C")]
    [InlineData("rdfs4a", ":a :p :b .", ":a rdf:type rdfs:Resource")]
    [InlineData("rdfs4b", ":a :p :b .", ":b rdf:type rdfs:Resource")]
    [InlineData("rdfs5", ":p rdfs:subPropertyOf :q . :q rdfs:subPropertyOf :r .", ":p rdfs:subPropertyOf :r")]
    [InlineData("rdfs6", ":p a rdf:Property .", ":p rdfs:subPropertyOf :p")]
    [InlineData("rdfs7", ":p rdfs:subPropertyOf :q . :a :p :b .", ":a :q :b")]
    [InlineData("rdfs8", ":C a rdfs:Class .", ":C rdfs:subClassOf rdfs:Resource")]
    [InlineData("rdfs9", ":A rdfs:subClassOf :B . :x a :A .", ":x rdf:type :B")]
    [InlineData("rdfs10", ":C a rdfs:Class .", ":C rdfs:subClassOf :C")]
    [InlineData("rdfs11", ":A rdfs:subClassOf :B . :B rdfs:subClassOf :C .", ":A rdfs:subClassOf :C")]
    [InlineData("rdfs12", ":p a rdfs:ContainerMembershipProperty .", ":p rdfs:subPropertyOf rdfs:member")]
    [InlineData("rdfs13", ":D a rdfs:Datatype .", ":D rdfs:subClassOf rdfs:Literal")]
    public void RuleDerivesItsHead(string rule, string input, string expected)
    {
        using var data = new ReasoningTestData();
        var triples = ReasoningTestData.Parse(input);
        data.Add(triples);
        data.Materialize(ReasoningProfile.Rdfs, [rule]);
        var derived = data.Derived();
        Assert.Contains(ReasoningTestData.T(expected), derived);
        Assert.Equal(Owl2RlRuleTests.Sorted(new NaiveReasoner(ReasoningProfile.Rdfs, [rule]).Derived(triples)), Owl2RlRuleTests.Sorted(derived));
    }

    [Fact]
    public void DefaultRdfsProfileLeavesOutResourceTyping()
    {
        using var data = new ReasoningTestData();
        data.Add(ReasoningTestData.Parse(":A rdfs:subClassOf :B . :x a :A ; :p :y ."));
        data.Materialize(ReasoningProfile.Rdfs);
        var derived = data.Derived();
        Assert.Contains(ReasoningTestData.T(":x a :B"), derived);
        Assert.DoesNotContain(ReasoningTestData.T(":y a rdfs:Resource"), derived);
    }

    [Fact]
    public void UnknownRuleNameIsAConfigurationError()
    {
        using var data = new ReasoningTestData();
        var error = Assert.Throws<TripleStoreException>(() => data.Materialize(ReasoningProfile.Rdfs, ["rdfs9", "cax-sco"]));
        Assert.Equal(ErrorCodes.Configuration, error.ErrorCode);
        Assert.Contains("cax-sco", error.Message);
    }
}
