using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.Rdf;

public class IriResolverTests
{
    private const string Base = "http://a/b/c/d;p?q";

    // RFC 3986 section 5.4.1 and 5.4.2.
    [Theory]
    [InlineData("g:h", "g:h")]
    [InlineData("g", "http://a/b/c/g")]
    [InlineData("./g", "http://a/b/c/g")]
    [InlineData("g/", "http://a/b/c/g/")]
    [InlineData("/g", "http://a/g")]
    [InlineData("//g", "http://g")]
    [InlineData("?y", "http://a/b/c/d;p?y")]
    [InlineData("g?y", "http://a/b/c/g?y")]
    [InlineData("#s", "http://a/b/c/d;p?q#s")]
    [InlineData("g#s", "http://a/b/c/g#s")]
    [InlineData("g?y#s", "http://a/b/c/g?y#s")]
    [InlineData(";x", "http://a/b/c/;x")]
    [InlineData("g;x", "http://a/b/c/g;x")]
    [InlineData("g;x?y#s", "http://a/b/c/g;x?y#s")]
    [InlineData("", "http://a/b/c/d;p?q")]
    [InlineData(".", "http://a/b/c/")]
    [InlineData("./", "http://a/b/c/")]
    [InlineData("..", "http://a/b/")]
    [InlineData("../", "http://a/b/")]
    [InlineData("../g", "http://a/b/g")]
    [InlineData("../..", "http://a/")]
    [InlineData("../../", "http://a/")]
    [InlineData("../../g", "http://a/g")]
    [InlineData("../../../g", "http://a/g")]
    [InlineData("../../../../g", "http://a/g")]
    [InlineData("/./g", "http://a/g")]
    [InlineData("/../g", "http://a/g")]
    [InlineData("g.", "http://a/b/c/g.")]
    [InlineData(".g", "http://a/b/c/.g")]
    [InlineData("g..", "http://a/b/c/g..")]
    [InlineData("..g", "http://a/b/c/..g")]
    [InlineData("./../g", "http://a/b/g")]
    [InlineData("./g/.", "http://a/b/c/g/")]
    [InlineData("g/./h", "http://a/b/c/g/h")]
    [InlineData("g/../h", "http://a/b/c/h")]
    [InlineData("g;x=1/./y", "http://a/b/c/g;x=1/y")]
    [InlineData("g;x=1/../y", "http://a/b/c/y")]
    [InlineData("g?y/./x", "http://a/b/c/g?y/./x")]
    [InlineData("g?y/../x", "http://a/b/c/g?y/../x")]
    [InlineData("g#s/./x", "http://a/b/c/g#s/./x")]
    [InlineData("g#s/../x", "http://a/b/c/g#s/../x")]
    [InlineData("http:g", "http:g")]
    public void Resolves_the_RFC_3986_examples(string reference, string expected)
    {
        Assert.Equal(expected, IriResolver.Resolve(Base, reference));
    }

    [Fact]
    public void Literal_language_tags_compare_case_insensitively()
    {
        Assert.Equal(Literal.LangString("chat", "en-US"), Literal.LangString("chat", "en-us"));
        Assert.Equal(Literal.Simple("x"), Literal.Typed("x", new Iri(Xsd.StringIri)));
        Assert.NotEqual<Term>(Literal.Simple("x"), new Iri("x"));
    }

    [Fact]
    public void Terms_order_blank_nodes_then_iris_then_literals()
    {
        var terms = new List<Term> { Literal.Simple("a"), new Iri("http://x/"), new BlankNode("b1") };
        terms.Sort();
        Assert.IsType<BlankNode>(terms[0]);
        Assert.IsType<Iri>(terms[1]);
        Assert.IsType<Literal>(terms[2]);
    }
}
