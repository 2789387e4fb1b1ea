namespace TripleStore;

/// <summary>
/// Stable error codes. They become the ErrorId of PowerShell error records, so scripts may match on
/// them: never change or reuse one. docs/errors.md lists them.
/// </summary>
public static class ErrorCodes
{
    public const string RdfSyntax = "RdfSyntaxError";
    public const string RdfFormatUnknown = "RdfFormatUnknown";
    public const string InputTooDeep = "RdfInputTooDeep";
    public const string InputTooLarge = "RdfInputTooLarge";
    /// <summary>A quad in a named graph was written to a syntax without graphs (N-Triples, Turtle, RDF/XML).</summary>
    public const string NamedGraphsNotSupported = "RdfNamedGraphsNotSupported";
    /// <summary>A writer's syntax cannot express a statement (an RDF/XML predicate that is no QName, a character XML cannot hold).</summary>
    public const string NotRepresentable = "RdfNotRepresentable";
    public const string QuerySyntax = "SparqlSyntaxError";
    public const string QueryEvaluation = "SparqlEvaluationError";
    public const string QueryTimeout = "SparqlTimeout";
    public const string LimitExceeded = "LimitExceeded";
    public const string StoreLocked = "StoreLocked";
    public const string StoreFormat = "StoreFormatUnsupported";
    public const string StoreClosed = "StoreClosed";
    public const string StoreReadOnly = "StoreReadOnly";
    public const string Corruption = "StoreCorrupt";
    public const string Backup = "BackupFailed";
    public const string Restore = "RestoreFailed";
    public const string Configuration = "ConfigurationInvalid";
    public const string IO = "IOError";
    public const string FileNotFound = "FileNotFound";
    public const string Canceled = "OperationCanceled";
    public const string TransactionActive = "TransactionActive";
    public const string TermInvalid = "RdfTermInvalid";
    /// <summary>A SPARQL server could not listen on its address and port (in use, or not allowed).</summary>
    public const string ServerStartFailed = "ServerStartFailed";
    /// <summary>A benchmark query returned a different number of results than recorded for its scale and seed.</summary>
    public const string BenchmarkWrongAnswer = "BenchmarkWrongAnswer";
}
