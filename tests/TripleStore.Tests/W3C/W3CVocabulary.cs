namespace TripleStore.Tests.W3C;

/// <summary>IRIs of the W3C test manifest vocabularies.</summary>
public static class W3CVocabulary
{
    public const string Mf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
    public const string Rdft = "http://www.w3.org/ns/rdftest#";
    public const string Qt = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#";
    public const string Ut = "http://www.w3.org/2009/sparql/tests/test-update#";
    public const string Dawgt = "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#";

    public const string Include = Mf + "include";
    public const string Entries = Mf + "entries";
    public const string Name = Mf + "name";
    public const string Action = Mf + "action";
    public const string Result = Mf + "result";
    public const string RdftApproval = Rdft + "approval";
    public const string DawgtApproval = Dawgt + "approval";
}
