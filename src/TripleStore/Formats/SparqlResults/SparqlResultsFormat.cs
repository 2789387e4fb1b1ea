namespace TripleStore.Formats.SparqlResults;

/// <summary>The serializations of SPARQL 1.1 query results.</summary>
public enum SparqlResultsFormat
{
    /// <summary>application/sparql-results+json (SPARQL 1.1 Query Results JSON Format).</summary>
    Json,

    /// <summary>application/sparql-results+xml (SPARQL Query Results XML Format).</summary>
    Xml,

    /// <summary>text/csv: lexical forms only, so datatypes and language tags are lost.</summary>
    Csv,

    /// <summary>text/tab-separated-values: terms in Turtle syntax, lossless.</summary>
    Tsv,
}
