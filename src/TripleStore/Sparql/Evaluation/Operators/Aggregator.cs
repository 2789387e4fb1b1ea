using System.Text;
using TripleStore.Rdf;
using TripleStore.Sparql.Expressions;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>
/// The state of one aggregate over one group (section 18.5, Set Functions). A null value is an
/// expression error: COUNT, MIN, MAX, SAMPLE and GROUP_CONCAT skip it; SUM and AVG become an error.
/// </summary>
internal abstract class Aggregator
{
    private HashSet<Term>? _seen;
    private HashSet<RowKey>? _seenRows;

    public static Aggregator Create(string name, bool distinct, string? separator)
    {
        Aggregator a = name switch
        {
            "COUNT" => new CountAggregator(),
            "SUM" => new SumAggregator(average: false),
            "AVG" => new SumAggregator(average: true),
            "MIN" => new ExtremeAggregator(max: false),
            "MAX" => new ExtremeAggregator(max: true),
            "SAMPLE" => new SampleAggregator(),
            "GROUP_CONCAT" => new ConcatAggregator(separator ?? " "),
            _ => throw new TripleStoreException(ErrorCodes.QueryEvaluation, ErrorKind.QueryEvaluation, $"Unknown aggregate {name}."),
        };
        if (distinct)
        {
            a._seen = new HashSet<Term>();
            a._seenRows = new HashSet<RowKey>();
        }
        return a;
    }

    public void Add(Term? value)
    {
        if (value is not null && _seen is not null && !_seen.Add(value)) return;
        Accept(value);
    }

    public void AddSolution(Term?[] row)
    {
        if (_seenRows is not null && !_seenRows.Add(new RowKey(row))) return;
        Accept(SparqlOperators.True);
    }

    protected abstract void Accept(Term? value);

    public abstract Term? Result();

    private sealed class CountAggregator : Aggregator
    {
        private long _count;
        protected override void Accept(Term? value) { if (value is not null) _count++; }
        public override Term? Result() => Literal.Typed(_count.ToString(System.Globalization.CultureInfo.InvariantCulture), Xsd.Integer);
    }

    private sealed class SumAggregator(bool average) : Aggregator
    {
        private static readonly Literal Zero = Literal.Typed("0", Xsd.Integer);
        private Term? _sum = Zero;
        private long _count;
        private bool _error;

        protected override void Accept(Term? value)
        {
            if (_error) return;
            if (value is null) { _error = true; return; }
            try
            {
                _sum = SparqlOperators.Add(_sum!, value);
                _count++;
            }
            catch (ExpressionErrorException) { _error = true; }
        }

        public override Term? Result()
        {
            if (_error) return null;
            if (!average) return _sum;
            if (_count == 0) return Zero;
            try { return SparqlOperators.Divide(_sum!, Literal.Typed(_count.ToString(System.Globalization.CultureInfo.InvariantCulture), Xsd.Integer)); }
            catch (ExpressionErrorException) { return null; }
        }
    }

    private sealed class ExtremeAggregator(bool max) : Aggregator
    {
        private Term? _best;

        protected override void Accept(Term? value)
        {
            if (value is null) return;
            if (_best is null) { _best = value; return; }
            int c = SparqlOrdering.Instance.Compare(value, _best);
            if (max ? c > 0 : c < 0) _best = value;
        }

        public override Term? Result() => _best;
    }

    private sealed class SampleAggregator : Aggregator
    {
        private Term? _value;
        protected override void Accept(Term? value) => _value ??= value;
        public override Term? Result() => _value;
    }

    private sealed class ConcatAggregator(string separator) : Aggregator
    {
        private readonly StringBuilder _text = new();
        private bool _any;
        private bool _error;

        protected override void Accept(Term? value)
        {
            if (value is null) return;
            if (value is not Literal l) { _error = true; return; }
            if (_any) _text.Append(separator);
            _text.Append(l.Value);
            _any = true;
        }

        public override Term? Result()
        {
            if (_error) return null;
            return Literal.Simple(_text.ToString());
        }
    }
}
