using System.Text;

namespace TripleStore.Formats.Text;

/// <summary>
/// Turns a blank node id into a label that N-Triples and Turtle accept. Ids made by our readers already
/// are valid; others (from RDF/XML nodeIDs or callers) get each offending character written as _xHHHH_,
/// which keeps distinct ids distinct without remembering anything.
/// </summary>
internal static class BlankNodeLabels
{
    public static string ToLabel(string id)
    {
        if (IsValid(id)) return id;
        var sb = new StringBuilder(id.Length + 8);
        for (int i = 0; i < id.Length; i++)
        {
            char c = id[i];
            bool ok = i == 0 ? CharClasses.IsPnCharsU(c) || CharClasses.IsDigit(c) : CharClasses.IsPnChars(c);
            // '_' is valid, but escaping it too keeps the mapping one-to-one.
            if (ok && c != '_') sb.Append(c);
            else sb.Append("_x").Append(((int)c).ToString("X4")).Append('_');
        }
        return sb.ToString();
    }

    private static bool IsValid(string id)
    {
        if (id.Length == 0) return false;
        if (!(CharClasses.IsPnCharsU(id[0]) || CharClasses.IsDigit(id[0]))) return false;
        for (int i = 1; i < id.Length; i++)
        {
            char c = id[i];
            if (!CharClasses.IsPnChars(c) && !(c == '.' && i < id.Length - 1)) return false;
        }
        return !id.Contains("_x", StringComparison.Ordinal) || !LooksEscaped(id);
    }

    // An id that already looks like our escape form is escaped again, so two ids never share a label.
    private static bool LooksEscaped(string id)
    {
        for (int i = id.IndexOf("_x", StringComparison.Ordinal); i >= 0; i = id.IndexOf("_x", i + 1, StringComparison.Ordinal))
            if (i + 7 <= id.Length && id[i + 6] == '_' && id.AsSpan(i + 2, 4).ContainsAnyExcept("0123456789ABCDEF") == false) return true;
        return false;
    }
}
