namespace TripleStore.Remote;

/// <summary>One bounded chunk of an import to a remote store: which statements it held and whether it landed.</summary>
public sealed record RemoteImportChunk(int Number, long FirstStatement, long Statements, bool Landed, string? Error);
