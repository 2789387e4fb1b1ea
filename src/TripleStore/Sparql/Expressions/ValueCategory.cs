namespace TripleStore.Sparql.Expressions;

/// <summary>How the operators see a literal: which value space its datatype has, if the engine knows it.</summary>
internal enum ValueCategory : byte
{
    /// <summary>A simple literal or xsd:string (the same thing in RDF 1.1).</summary>
    String,
    LangString,
    Boolean,
    Numeric,
    Temporal,
    Duration,
    /// <summary>A datatype the engine does not interpret: only term equality applies.</summary>
    Unknown,
    /// <summary>A known datatype with a lexical form outside its lexical space.</summary>
    IllTyped,
}
