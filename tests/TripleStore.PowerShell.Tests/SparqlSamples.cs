using System.Text;

namespace TripleStore.PowerShell.Tests;

/// <summary>Data for the Invoke-Sparql tests: a small typed graph, and a generated one big enough to make cross products slow.</summary>
public static class SparqlSamples
{
    public const string Prefix = "PREFIX ex: <http://example.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ";

    public const string People = """
        @prefix ex: <http://example.org/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        ex:alice ex:name "Alice" ; ex:age 42 ; ex:height 1.68 ; ex:score 2.5e0 ; ex:active true ;
            ex:born "1990-05-01T10:00:00Z"^^xsd:dateTime ; ex:knows ex:bob ;
            ex:big 123456789012345678901234567890 ; ex:label "Alicia"@es .
        ex:bob ex:name "Bob" ; ex:age 30 ; ex:born "2001-01-01T00:00:00Z"^^xsd:dateTime .
        _:carol ex:name "Carol" .
        """;

    /// <summary>N-Triples with <paramref name="count"/> statements, one subject each.</summary>
    public static string Generated(int count)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
            text.Append("<http://example.org/s").Append(i).Append("> <http://example.org/p> \"").Append(i).Append("\" .\n");
        return text.ToString();
    }

    /// <summary>A three-way cross product over the generated data: with 3000 statements, 2.7e10 solutions.</summary>
    public const string CrossProduct = "SELECT * { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }";
}
