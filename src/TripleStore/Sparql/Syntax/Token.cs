namespace TripleStore.Sparql.Syntax;

/// <summary>
/// A lexical token. <see cref="Text"/> is the decoded value: the IRI, the string content, the variable
/// name, the keyword as written, the punctuation; for prefixed names it is the prefix and
/// <see cref="Local"/> is the decoded local part.
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column, string? Local = null)
{
    public bool IsWord(string keyword) => Kind == TokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsPunct(string p) => Kind == TokenKind.Punctuation && Text == p;

    public string Describe() => Kind switch
    {
        TokenKind.EndOfInput => "the end of the query",
        TokenKind.IriRef => "<" + Text + ">",
        TokenKind.PrefixedName => "'" + Text + ":" + Local + "'",
        TokenKind.Variable => "?" + Text,
        TokenKind.String => "a string",
        TokenKind.Nil => "'()'",
        TokenKind.Anon => "'[]'",
        _ => "'" + Text + "'",
    };
}
