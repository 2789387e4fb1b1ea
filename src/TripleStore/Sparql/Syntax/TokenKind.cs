namespace TripleStore.Sparql.Syntax;

internal enum TokenKind
{
    EndOfInput,
    IriRef,
    PrefixedName,
    BlankNodeLabel,
    Variable,
    LangTag,
    Integer,
    Decimal,
    Double,
    String,
    /// <summary>A bare word: a keyword, a built-in function name, 'a', true/false.</summary>
    Word,
    /// <summary>'(' ')' with only white space between.</summary>
    Nil,
    /// <summary>'[' ']' with only white space between.</summary>
    Anon,
    Punctuation,
}
