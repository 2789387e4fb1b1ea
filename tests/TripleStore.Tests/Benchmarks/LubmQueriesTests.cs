using System.Text.RegularExpressions;
using TripleStore.Benchmarks.Lubm;
using Xunit;

namespace TripleStore.Tests.Benchmarks;

public class LubmQueriesTests
{
    [Fact]
    public void ThereAreFourteenNamedSelectQueries()
    {
        Assert.Equal(14, LubmQueries.All.Count);
        for (int n = 1; n <= 14; n++)
        {
            var q = LubmQueries.Get(n);
            Assert.Equal($"Q{n}", q.Name);
            Assert.Contains("SELECT", q.Text);
            Assert.Contains("PREFIX ub: <http://swat.cse.lehigh.edu/onto/univ-bench.owl#>", q.Text);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => LubmQueries.Get(15));
    }

    [Fact]
    public void QueriesUseOnlyTermsTheOntologyDeclares()
    {
        var declared = Regex.Matches(UnivBenchOntology.Turtle, @"^:(\w+) a owl:", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToHashSet();
        foreach (var q in LubmQueries.All)
            foreach (Match m in Regex.Matches(q.Text, @"\bub:(\w+)"))
                Assert.True(declared.Contains(m.Groups[1].Value), $"{q.Name} uses ub:{m.Groups[1].Value}, which the ontology does not declare");
    }

    [Fact]
    public void QueriesAreBoundToUniversityZero()
    {
        string[] constants = Enumerable.Range(1, 14).SelectMany(n =>
            Regex.Matches(LubmQueries.Get(n).Text, "<(http://www\\.(?:Department|University)[^>]+)>").Select(m => m.Groups[1].Value)).ToArray();
        Assert.NotEmpty(constants);
        Assert.All(constants, c => Assert.Matches(@"University0\.edu", c));
    }

    [Fact]
    public void GeneratedDataContainsTheQueryConstants()
    {
        var subjects = new LubmGenerator(1).Generate().Select(q => q.Subject.ToString()).ToHashSet();
        foreach (var q in LubmQueries.All)
            foreach (Match m in Regex.Matches(q.Text, "<http://www\\.(?:Department|University)[^>]+>"))
                Assert.Contains(m.Value, subjects);
    }

    [Fact]
    public void OntologyStatesTheAxiomsTheQueriesNeed()
    {
        string ttl = UnivBenchOntology.Turtle;
        Assert.Contains(":subOrganizationOf a owl:TransitiveProperty", ttl);
        Assert.Contains(":headOf a owl:ObjectProperty ; rdfs:label \"is the head of\" ; rdfs:subPropertyOf :worksFor", ttl);
        Assert.Contains(":worksFor a owl:ObjectProperty ; rdfs:label \"Works For\" ; rdfs:subPropertyOf :memberOf", ttl);
        Assert.Contains("owl:inverseOf :hasAlumnus", ttl);
        Assert.Contains(":UndergraduateStudent a owl:Class ; rdfs:label \"undergraduate student\" ; rdfs:subClassOf :Student", ttl);
        Assert.Matches(@":Chair a owl:Class ;\s+rdfs:label ""chair"" ;\s+owl:intersectionOf \( :Person \[ a owl:Restriction ; owl:onProperty :headOf ; owl:someValuesFrom :Department \] \)", ttl);
        Assert.Equal(43, Regex.Matches(ttl, @"^:\w+ a owl:Class", RegexOptions.Multiline).Count);
        Assert.Equal(32, Regex.Matches(ttl, @"^:\w+ a owl:(Object|Datatype|Transitive)Property", RegexOptions.Multiline).Count);
    }
}
