using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>
/// A value of an XSD numeric type. xsd:integer and xsd:decimal are held as <see cref="decimal"/>
/// (28 significant digits; results that do not fit are an expression error, which XPath allows for
/// overflow), xsd:float and xsd:double as <see cref="double"/> (a float is kept rounded to float
/// precision). Derived integer types (xsd:int, xsd:positiveInteger, ...) are xsd:integer values.
/// </summary>
public readonly struct Numeric
{
    private readonly decimal _decimal;
    private readonly double _double;

    private Numeric(NumericType type, decimal dec, double dbl)
    {
        Type = type;
        _decimal = dec;
        _double = dbl;
    }

    public NumericType Type { get; }

    public bool IsExact => Type <= NumericType.Decimal;

    public static Numeric FromInteger(decimal value) => new(NumericType.Integer, decimal.Truncate(value), 0);
    public static Numeric FromDecimal(decimal value) => new(NumericType.Decimal, value, 0);
    public static Numeric FromFloat(double value) => new(NumericType.Float, 0, (float)value);
    public static Numeric FromDouble(double value) => new(NumericType.Double, 0, value);

    /// <summary>The value as a decimal; only meaningful for integer and decimal values.</summary>
    public decimal DecimalValue => IsExact ? _decimal : (decimal)_double;

    /// <summary>The value as a double (exact values are converted).</summary>
    public double DoubleValue => IsExact ? (double)_decimal : _double;

    public bool IsNaN => !IsExact && double.IsNaN(_double);

    public bool IsZero => IsExact ? _decimal == 0 : _double == 0;

    /// <summary>
    /// Reads a literal of a numeric datatype. False for non-numeric datatypes and for ill-typed
    /// literals (a lexical form outside the type's lexical space or range).
    /// </summary>
    public static bool TryParse(Literal literal, out Numeric value)
    {
        var dt = literal.Datatype.Value;
        var s = literal.Value.AsSpan();
        value = default;
        switch (dt)
        {
            case XsdNames.Integer:
                if (!XsdLexical.TryParseInteger(s, out var i)) return false;
                value = FromInteger(i);
                return true;
            case XsdNames.Decimal:
                if (!XsdLexical.TryParseDecimal(s, out var d)) return false;
                value = FromDecimal(d);
                return true;
            case XsdNames.Double:
                if (!XsdLexical.TryParseDouble(s, out var db)) return false;
                value = FromDouble(db);
                return true;
            case XsdNames.Float:
                if (!XsdLexical.TryParseDouble(s, out var f)) return false;
                value = FromFloat(f);
                return true;
            default:
                if (!XsdNames.IsDerivedInteger(dt)) return false;
                if (!XsdLexical.TryParseInteger(s, out var di) || !XsdLexical.InIntegerRange(dt, di)) return false;
                value = FromInteger(di);
                return true;
        }
    }

    /// <summary>True for datatypes whose values are numbers (whether or not a given lexical form is valid).</summary>
    public static bool IsNumericDatatype(string datatype) =>
        datatype is XsdNames.Integer or XsdNames.Decimal or XsdNames.Float or XsdNames.Double || XsdNames.IsDerivedInteger(datatype);

    /// <summary>The value as a literal of its primitive type, in canonical lexical form.</summary>
    public Literal ToLiteral() => Type switch
    {
        NumericType.Integer => Literal.Typed(XsdLexical.FormatInteger(_decimal), Xsd.Integer),
        NumericType.Decimal => Literal.Typed(XsdLexical.FormatDecimal(_decimal), Xsd.Decimal),
        NumericType.Float => Literal.Typed(XsdLexical.FormatFloat((float)_double), Xsd.Float),
        _ => Literal.Typed(XsdLexical.FormatDouble(_double), Xsd.Double),
    };

    /// <summary>Converts to a wider type (numeric type promotion, XPath 2.0 appendix B.1).</summary>
    public Numeric PromoteTo(NumericType target)
    {
        if (target == Type) return this;
        return target switch
        {
            NumericType.Decimal => FromDecimal(_decimal),
            NumericType.Float => FromFloat(DoubleValue),
            NumericType.Double => FromDouble(DoubleValue),
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };
    }

    public static Numeric Add(Numeric a, Numeric b) => Arithmetic(a, b, '+');
    public static Numeric Subtract(Numeric a, Numeric b) => Arithmetic(a, b, '-');
    public static Numeric Multiply(Numeric a, Numeric b) => Arithmetic(a, b, '*');

    /// <summary>op:numeric-divide: integer by integer gives a decimal; exact division by zero is an error.</summary>
    public static Numeric Divide(Numeric a, Numeric b)
    {
        var type = (NumericType)Math.Max((byte)a.Type, (byte)b.Type);
        if (type == NumericType.Integer) type = NumericType.Decimal;
        return Arithmetic(a.PromoteTo(type), b.PromoteTo(type), '/');
    }

    private static Numeric Arithmetic(Numeric a, Numeric b, char op)
    {
        var type = (NumericType)Math.Max((byte)a.Type, (byte)b.Type);
        if (type <= NumericType.Decimal)
        {
            decimal x = a._decimal, y = b._decimal, r;
            try
            {
                r = op switch
                {
                    '+' => x + y,
                    '-' => x - y,
                    '*' => x * y,
                    _ => y == 0 ? ExpressionErrorException.Throw<decimal>() : x / y,
                };
            }
            catch (OverflowException)
            {
                throw ExpressionErrorException.Instance;
            }
            return new Numeric(type, r, 0);
        }
        double p = a.DoubleValue, q = b.DoubleValue;
        double d = op switch
        {
            '+' => p + q,
            '-' => p - q,
            '*' => p * q,
            _ => p / q,
        };
        return type == NumericType.Float ? FromFloat(d) : FromDouble(d);
    }

    public Numeric Negate() => IsExact ? new Numeric(Type, -_decimal, 0) : new Numeric(Type, 0, -_double);

    /// <summary>Compares by value; null when either side is NaN (every comparison with NaN is false).</summary>
    public static int? Compare(Numeric a, Numeric b)
    {
        if (a.IsExact && b.IsExact) return a._decimal.CompareTo(b._decimal);
        double p = a.DoubleValue, q = b.DoubleValue;
        if (double.IsNaN(p) || double.IsNaN(q)) return null;
        return p.CompareTo(q);
    }

    public Numeric Abs() => IsExact ? new Numeric(Type, Math.Abs(_decimal), 0) : new Numeric(Type, 0, Math.Abs(_double));

    public Numeric Ceiling() => IsExact ? new Numeric(Type, Math.Ceiling(_decimal), 0) : new Numeric(Type, 0, Math.Ceiling(_double));

    public Numeric Floor() => IsExact ? new Numeric(Type, Math.Floor(_decimal), 0) : new Numeric(Type, 0, Math.Floor(_double));

    /// <summary>fn:round: the nearest whole number, halves rounded towards positive infinity (round(-2.5) is -2).</summary>
    public Numeric Round()
    {
        if (IsExact)
        {
            // floor(x + 0.5), computed so that it cannot overflow near decimal's limits.
            decimal floor = Math.Floor(_decimal);
            return new Numeric(Type, _decimal - floor >= 0.5m ? floor + 1 : floor, 0);
        }
        if (double.IsNaN(_double) || double.IsInfinity(_double) || _double == 0) return this;
        double r = Math.Floor(_double + 0.5);
        // Keep the sign of a negative value that rounds to zero, as XPath requires (-0.5 rounds to -0).
        if (r == 0 && _double < 0) r = -0.0;
        return new Numeric(Type, 0, r);
    }

    public override string ToString() => ToLiteral().ToString();
}
