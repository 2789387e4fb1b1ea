using TripleStore.Sparql;

namespace TripleStore.Remote;

/// <summary>
/// Tells a query's form from its first keyword after the prologue, without parsing the rest: the
/// remote server may accept syntax this engine does not, and only the form decides what to ask for
/// in the Accept header.
/// </summary>
internal static class QueryFormSniffer
{
    public static QueryForm Detect(string query)
    {
        int i = 0;
        while (i < query.Length)
        {
            char c = query[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '#') { while (i < query.Length && query[i] != '\n') i++; continue; }
            if (c == '<') { while (i < query.Length && query[i] != '>') i++; i++; continue; }
            if (char.IsLetter(c))
            {
                int start = i;
                while (i < query.Length && (char.IsLetterOrDigit(query[i]) || query[i] is '_' or '-' or ':' or '.')) i++;
                var word = query[start..i].ToUpperInvariant();
                switch (word)
                {
                    case "SELECT": return QueryForm.Select;
                    case "ASK": return QueryForm.Ask;
                    case "CONSTRUCT": return QueryForm.Construct;
                    case "DESCRIBE": return QueryForm.Describe;
                }
                continue; // PREFIX, BASE and the prefix names that follow them
            }
            i++;
        }
        throw new TripleStoreException(ErrorCodes.QuerySyntax, ErrorKind.QuerySyntax, "The query has no SELECT, ASK, CONSTRUCT or DESCRIBE form.");
    }
}
