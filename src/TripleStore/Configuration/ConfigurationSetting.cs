using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace TripleStore.Configuration;

/// <summary>
/// One configuration key: its type, range or choices, default and meaning. Parses a raw value from any
/// source (JSON, an environment variable's text, a PowerShell hashtable value) into its normal form:
/// long for bytes and integers, bool, the canonical choice string, TimeSpan? for durations, string[] for lists.
/// </summary>
internal sealed class ConfigurationSetting
{
    public required string Key { get; init; }
    public required string Section { get; init; }
    public required SettingKind Kind { get; init; }
    public required object? Default { get; init; }
    public required string Description { get; init; }
    public long Minimum { get; init; } = long.MinValue;
    public long Maximum { get; init; } = long.MaxValue;
    public string[] Choices { get; init; } = [];

    public string AllowedValues => Kind switch
    {
        SettingKind.Bytes => Maximum == long.MaxValue
            ? $"a size in bytes >= {Format(Minimum)}: a number, or a number with KB, MB, GB (e.g. 512MB), or a percentage of RAM (e.g. 40%)"
            : $"a size in bytes from {Format(Minimum)} to {Format(Maximum)}",
        SettingKind.Integer => Maximum == long.MaxValue ? $"an integer >= {Minimum}" : $"an integer from {Minimum} to {Maximum}",
        SettingKind.Boolean => "true or false",
        SettingKind.Choice => string.Join(", ", Choices),
        SettingKind.Duration => "a duration: seconds (30), a time span (00:01:30), a number with s, m or h (90s, 5m), or none",
        SettingKind.List => "a list of strings (a JSON array, a PowerShell array, or comma-separated text)",
        SettingKind.Text => "text",
        _ => "",
    };

    public object? Parse(object? raw)
    {
        if (raw is JsonElement json) raw = FromJson(json);
        return Kind switch
        {
            SettingKind.Bytes => CheckRange(ParseBytes(raw)),
            SettingKind.Integer => CheckRange(ParseInteger(raw)),
            SettingKind.Boolean => ParseBoolean(raw),
            SettingKind.Choice => ParseChoice(raw),
            SettingKind.Duration => ParseDuration(raw),
            SettingKind.List => ParseList(raw),
            SettingKind.Text => raw is null or string or char ? (raw?.ToString() ?? "").Trim() : throw Invalid(raw),
            _ => throw Invalid(raw),
        };
    }

    private static object? FromJson(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Number => json.TryGetInt64(out var n) ? n : json.GetDouble(),
        JsonValueKind.String => json.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Array => json.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.ToString()).ToArray(),
        _ => json.ToString(),
    };

    private long CheckRange(long value)
    {
        if (value < Minimum || value > Maximum) throw Invalid(value);
        return value;
    }

    private long ParseBytes(object? raw)
    {
        switch (raw)
        {
            case int or long or short or uint or ulong:
                return Convert.ToInt64(raw, CultureInfo.InvariantCulture);
            case double or float or decimal:
                var d = Convert.ToDouble(raw, CultureInfo.InvariantCulture);
                if (d != Math.Floor(d)) throw Invalid(raw);
                return (long)d;
            case string text:
                text = text.Trim();
                if (text.EndsWith('%'))
                {
                    if (!double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || percent <= 0 || percent > 90)
                        throw Invalid(raw);
                    return (long)(TotalMemoryBytes * percent / 100);
                }
                long multiplier = 1;
                foreach (var (suffix, factor) in Units)
                {
                    if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                    {
                        multiplier = factor;
                        text = text[..^suffix.Length].Trim();
                        break;
                    }
                }
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0) throw Invalid(raw);
                return (long)(number * multiplier);
            default:
                throw Invalid(raw);
        }
    }

    private static readonly (string Suffix, long Factor)[] Units =
        [("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40), ("KB", 1L << 10), ("MB", 1L << 20), ("GB", 1L << 30), ("TB", 1L << 40), ("B", 1)];

    /// <summary>The memory this process may use (the container limit when there is one).</summary>
    public static long TotalMemoryBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    private long ParseInteger(object? raw) => raw switch
    {
        int or long or short or uint => Convert.ToInt64(raw, CultureInfo.InvariantCulture),
        double dv when dv == Math.Floor(dv) => (long)dv,
        string text when long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => throw Invalid(raw),
    };

    private bool ParseBoolean(object? raw) => raw switch
    {
        bool b => b,
        string text when text.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) || text.Trim() == "1" => true,
        string text when text.Trim().Equals("false", StringComparison.OrdinalIgnoreCase) || text.Trim() == "0" => false,
        int or long when Convert.ToInt64(raw, CultureInfo.InvariantCulture) is 0 or 1 => Convert.ToInt64(raw, CultureInfo.InvariantCulture) == 1,
        _ => throw Invalid(raw),
    };

    private string ParseChoice(object? raw)
    {
        var text = raw?.ToString()?.Trim();
        return Choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase)) ?? throw Invalid(raw);
    }

    private TimeSpan? ParseDuration(object? raw)
    {
        switch (raw)
        {
            case null:
                return null;
            case TimeSpan span:
                return span <= TimeSpan.Zero ? null : span;
            case int or long or double or float or decimal:
                var seconds = Convert.ToDouble(raw, CultureInfo.InvariantCulture);
                if (seconds < 0) throw Invalid(raw);
                return seconds == 0 ? null : TimeSpan.FromSeconds(seconds);
            case string text:
                text = text.Trim();
                if (text.Length == 0 || text.Equals("none", StringComparison.OrdinalIgnoreCase) || text == "0") return null;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain)) return ParseDuration(plain);
                foreach (var (suffix, unit) in new[] { ("ms", 0.001), ("s", 1.0), ("m", 60.0), ("h", 3600.0) })
                {
                    if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                        && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
                        return n == 0 ? null : TimeSpan.FromSeconds(n * unit);
                }
                if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed) && parsed >= TimeSpan.Zero)
                    return parsed == TimeSpan.Zero ? null : parsed;
                throw Invalid(raw);
            default:
                throw Invalid(raw);
        }
    }

    private string[] ParseList(object? raw) => raw switch
    {
        null => [],
        string text => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        IEnumerable items => items.Cast<object?>().Select(i => i?.ToString()?.Trim() ?? "").Where(i => i.Length > 0).ToArray(),
        _ => throw Invalid(raw),
    };

    public TripleStoreException Invalid(object? raw) =>
        new(ErrorCodes.Configuration, ErrorKind.Configuration,
            $"The configuration value '{Format(raw)}' is not valid for '{Key}'. Allowed: {AllowedValues}.");

    /// <summary>
    /// As <see cref="Format"/>, with secrets hidden: a password in a connection string
    /// (password=..., as StackExchange.Redis writes it) shows as ***.
    /// </summary>
    public static string Display(object? value) =>
        value is string text ? System.Text.RegularExpressions.Regex.Replace(Format(text), @"(?i)\b(password|pwd)\s*=[^,]*", "$1=***") : Format(value);

    public static string Format(object? value) => value switch
    {
        null => "none",
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s,
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Format)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
