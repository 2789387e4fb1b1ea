namespace TripleStore.Remote;

/// <summary>An import to a remote store stopped at a failed chunk; <see cref="Summary"/> lists the chunks that landed.</summary>
public sealed class RemoteImportException : TripleStoreException
{
    public RemoteImportException(ImportSummary summary, string message, Exception? inner)
        : base(ErrorCodes.RemoteImportIncomplete, ErrorKind.IO, message, inner) => Summary = summary;

    public ImportSummary Summary { get; }
}
