using System.Globalization;

namespace TripleStore.Benchmarks;

/// <summary>
/// Parses <c>--name value</c> pairs and bare flags. Unknown or repeated options are errors, so a typo
/// never silently falls back to a default.
/// </summary>
public sealed class CommandLineOptions
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    private CommandLineOptions() { }

    /// <summary>Parses <paramref name="args"/>; <paramref name="flags"/> name the options that take no value.</summary>
    public static CommandLineOptions Parse(IEnumerable<string> args, params string[] flags)
    {
        var options = new CommandLineOptions();
        var flagSet = new HashSet<string>(flags, StringComparer.OrdinalIgnoreCase);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            string arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new CommandLineException($"Unexpected argument '{arg}'; options look like --name value.");
            string name = arg[2..];
            string? value = null;
            if (!flagSet.Contains(name))
            {
                if (!e.MoveNext()) throw new CommandLineException($"Option --{name} needs a value.");
                value = e.Current;
            }
            if (!options._values.TryAdd(name, value))
                throw new CommandLineException($"Option --{name} is given twice.");
        }
        return options;
    }

    public bool Has(string name)
    {
        _read.Add(name);
        return _values.ContainsKey(name);
    }

    public string? String(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var v) ? v : null;
    }

    public string RequiredString(string name) =>
        String(name) ?? throw new CommandLineException($"Option --{name} is required.");

    public int Int(string name, int defaultValue, int min = int.MinValue)
    {
        var text = String(name);
        if (text is null) return defaultValue;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min)
            throw new CommandLineException($"Option --{name} must be an integer of at least {min}, not '{text}'.");
        return value;
    }

    public ulong UInt64(string name, ulong defaultValue)
    {
        var text = String(name);
        if (text is null) return defaultValue;
        if (!ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong value))
            throw new CommandLineException($"Option --{name} must be a non-negative integer, not '{text}'.");
        return value;
    }

    /// <summary>Throws if an option was given that the command never asked about.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToArray();
        if (unknown.Length > 0)
            throw new CommandLineException($"Unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
    }
}
