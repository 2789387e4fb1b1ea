using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>
/// The ORDER BY order (SPARQL 1.1 section 15.1): unbound, then blank nodes, then IRIs, then literals.
/// Literals that the &lt; operator orders (numbers, strings, booleans, date/times, durations) sort by
/// value; the rest sort in a fixed order by category, datatype and lexical form, so the order is
/// total and sorting is deterministic. Literals equal by value (1 and 1.0) are ordered by their terms.
/// </summary>
public sealed class SparqlOrdering : IComparer<Term?>
{
    public static readonly SparqlOrdering Instance = new();

    public int Compare(Term? x, Term? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        if (x.Kind != y.Kind || x.Kind != TermKind.Literal) return x.CompareTo(y);
        var a = (Literal)x;
        var b = (Literal)y;
        var va = LiteralValue.Read(a);
        var vb = LiteralValue.Read(b);
        int rankA = Rank(va.Category), rankB = Rank(vb.Category);
        if (rankA != rankB) return rankA.CompareTo(rankB);
        int c = CompareValues(a, b, va, vb);
        return c != 0 ? c : a.CompareTo(b);
    }

    // Category order among literals; strings first as the most common sort key, then numbers.
    private static int Rank(ValueCategory category) => category switch
    {
        ValueCategory.String => 0,
        ValueCategory.LangString => 1,
        ValueCategory.Numeric => 2,
        ValueCategory.Boolean => 3,
        ValueCategory.Temporal => 4,
        ValueCategory.Duration => 5,
        _ => 6,
    };

    private static int CompareValues(Literal a, Literal b, LiteralValue va, LiteralValue vb)
    {
        switch (va.Category)
        {
            case ValueCategory.String:
                return CodepointString.Compare(a.Value, b.Value);
            case ValueCategory.LangString:
            {
                int c = CodepointString.Compare(a.Value, b.Value);
                return c != 0 ? c : string.CompareOrdinal(a.Language, b.Language);
            }
            case ValueCategory.Numeric:
            {
                Numeric p = va.Number, q = vb.Number;
                // NaN is unordered for '<'; put it before every number so the order stays total.
                if (p.IsNaN || q.IsNaN) return p.IsNaN == q.IsNaN ? 0 : p.IsNaN ? -1 : 1;
                return Numeric.Compare(p, q) ?? 0;
            }
            case ValueCategory.Boolean:
                return va.Boolean.CompareTo(vb.Boolean);
            case ValueCategory.Temporal:
            {
                XsdDateTime s = va.Temporal, t = vb.Temporal;
                if (s.Kind != t.Kind) return s.Kind.CompareTo(t.Kind);
                // Without a timezone a value is placed as if in UTC: a total order that agrees with '<'
                // wherever '<' is determinate.
                return s.TimelineSeconds.CompareTo(t.TimelineSeconds);
            }
            case ValueCategory.Duration:
                return DurationKey(va.Duration).CompareTo(DurationKey(vb.Duration));
            default:
            {
                int c = string.CompareOrdinal(a.Datatype.Value, b.Datatype.Value);
                return c != 0 ? c : CodepointString.Compare(a.Value, b.Value);
            }
        }
    }

    // An average month length turns the partial order of durations into a total one.
    private static decimal DurationKey(XsdDuration d) => d.Months * 2_629_746m + d.Seconds;
}
