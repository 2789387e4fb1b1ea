using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;
using TripleStore.Sparql.Expressions;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// A filter conjunct a BGP can decide from the ids it binds, without building terms: a comparison of
/// integer sums (<c>?s &lt; ?o + 120</c>, <c>?a &gt;= 5</c>, <c>?a = ?b - 1</c>) when the source stores the
/// values as inline integers (<see cref="IEncodedQuadSource.TryInlineInteger"/>), or an IRI constant tested
/// against a variable (<c>&lt;x&gt; != ?p</c>: RDFterm-equality with an IRI is id equality). When a value is
/// not such an integer (a decimal, a string, a hashed literal), <see cref="TryEval"/> gives null and the
/// conjunct is evaluated on terms as usual, so answers never depend on which path ran.
/// </summary>
internal sealed class IdComparison : IdFilter
{
    // left - right = _constant + Σ _signs[i] · value(_slots[i]), compared with zero.
    private readonly int[] _slots;
    private readonly int[] _signs;
    private readonly long _constant;
    private readonly string _op;
    private readonly Iri? _iri;
    private readonly int _iriSlot;
    private volatile EncodedIri? _encoded;

    // Few enough terms that the sum of longs cannot overflow an Int128.
    private const int MaxTerms = 8;

    private IdComparison(string op, int[] slots, int[] signs, long constant, Iri? iri, int iriSlot)
    {
        _op = op;
        _slots = slots;
        _signs = signs;
        _constant = constant;
        _iri = iri;
        _iriSlot = iriSlot;
    }

    /// <summary>The id form of a conjunct, or null when it has none.</summary>
    public static IdComparison? From(Expression conjunct, Func<string, int> slot)
    {
        if (conjunct is not FunctionCallExpression { IsIri: false, Arguments.Count: 2 } f) return null;
        if (f.Name is not ("<" or "<=" or ">" or ">=" or "=" or "!=")) return null;
        var (left, right) = (f.Arguments[0], f.Arguments[1]);
        if (f.Name is "=" or "!=")
        {
            if (left is ConstantExpression { Value: Iri a } && right is VariableExpression v)
                return new IdComparison(f.Name, [], [], 0, a, slot(v.Name));
            if (right is ConstantExpression { Value: Iri b } && left is VariableExpression w)
                return new IdComparison(f.Name, [], [], 0, b, slot(w.Name));
        }
        var terms = new List<(string Variable, int Sign)>();
        long constant = 0;
        if (!Linear(left, 1, terms, ref constant) || !Linear(right, -1, terms, ref constant) || terms.Count == 0) return null;
        return new IdComparison(f.Name, terms.Select(t => slot(t.Variable)).ToArray(), terms.Select(t => t.Sign).ToArray(), constant, null, -1);
    }

    // Adds sign · e to the sum; false when e is not a sum of variables and integer constants.
    private static bool Linear(Expression e, int sign, List<(string, int)> terms, ref long constant)
    {
        switch (e)
        {
            case VariableExpression v:
                if (terms.Count >= MaxTerms) return false;
                terms.Add((v.Name, sign));
                return true;
            case ConstantExpression { Value: Literal literal }:
                // Only xsd:integer constants: the arithmetic of the other integer types is the same, but their
                // lexical checks are left to the term path. Small magnitudes keep the sum within range.
                if (literal.Datatype.Value != XsdNames.Integer || !Numeric.TryParse(literal, out var n)) return false;
                decimal value = n.DecimalValue;
                if (Math.Abs(value) > (1L << 60)) return false;
                long add = sign * (long)value;
                if (Math.Abs((decimal)constant + add) > (1L << 61)) return false;
                constant += add;
                return true;
            case FunctionCallExpression { IsIri: false, Name: "+", Arguments.Count: 2 } plus:
                return Linear(plus.Arguments[0], sign, terms, ref constant) && Linear(plus.Arguments[1], sign, terms, ref constant);
            case FunctionCallExpression { IsIri: false, Name: "-", Arguments.Count: 2 } minus:
                return Linear(minus.Arguments[0], sign, terms, ref constant) && Linear(minus.Arguments[1], -sign, terms, ref constant);
            case FunctionCallExpression { IsIri: false, Name: "UMINUS", Arguments.Count: 1 } negate:
                return Linear(negate.Arguments[0], -sign, terms, ref constant);
            case FunctionCallExpression { IsIri: false, Name: "UPLUS", Arguments.Count: 1 } same:
                return Linear(same.Arguments[0], sign, terms, ref constant);
            default:
                return false;
        }
    }

    /// <summary>The conjunct's value for the bound ids, or null when the ids alone do not decide it.</summary>
    public override bool? TryEval(NodeId[] ids, IEncodedQuadSource source)
    {
        if (_iri is not null)
        {
            var encoded = _encoded;
            if (encoded is null || !ReferenceEquals(encoded.Source, source))
                _encoded = encoded = new EncodedIri(source, source.TryEncode(_iri, out var id), id);
            // A term the source lacks equals no bound value.
            bool same = encoded.Found && encoded.Id == ids[_iriSlot];
            return _op == "=" ? same : !same;
        }
        Int128 sum = _constant;
        for (int i = 0; i < _slots.Length; i++)
        {
            if (!source.TryInlineInteger(ids[_slots[i]], out long value)) return null;
            sum += _signs[i] > 0 ? value : -(Int128)value;
        }
        return _op switch
        {
            "<" => sum < 0,
            "<=" => sum <= 0,
            ">" => sum > 0,
            ">=" => sum >= 0,
            "=" => sum == 0,
            _ => sum != 0,
        };
    }

    private sealed record EncodedIri(IEncodedQuadSource Source, bool Found, NodeId Id);
}
