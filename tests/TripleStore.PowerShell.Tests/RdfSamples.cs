namespace TripleStore.PowerShell.Tests;

/// <summary>Small RDF documents whose statements and errors are known exactly.</summary>
public static class RdfSamples
{
    /// <summary>Four statements; a relative IRI (&lt;chapter-1&gt;) shows which base was used.</summary>
    public const string ValidTurtle = """
        @prefix ex: <http://example.org/> .
        ex:book ex:title "Dune" ;
            ex:pages 412 ;
            ex:author ex:herbert .
        ex:book ex:part <chapter-1> .
        """;

    public const int ValidTurtleStatements = 4;

    /// <summary>Two good statements, then an error at line 2, column 27 (the '?'), then one more good one.</summary>
    public const string NTriplesWithErrorAtLine2Column27 =
        "<http://e/a> <http://e/b> <http://e/c> .\n" +
        "<http://e/a> <http://e/b> ?oops .\n" +
        "<http://e/a> <http://e/b> <http://e/d> .\n";

    /// <summary>Errors on lines 2, 3 and 5; lines 1 and 4 are good.</summary>
    public const string NTriplesWithThreeErrors =
        "<http://e/a> <http://e/b> <http://e/c> .\n" +
        "<http://e/a> <http://e/b> .\n" +
        "<http://e/a> \"literal\" <http://e/c> .\n" +
        "<http://e/a> <http://e/b> <http://e/d> .\n" +
        "_:x <http://e/b> <http://e/c>\n";
}
