using System.Collections;
using System.Globalization;
using System.Management.Automation;
using TripleStore.Operations;

namespace TripleStore.PowerShell.Stores;

/// <summary>
/// Builds <see cref="HealthThresholds"/> from a hashtable such as <c>@{ MinFreeDiskBytes = 10GB }</c>.
/// Scripts cannot name the engine's types (it loads in its own context), so a hashtable is how they set limits.
/// </summary>
internal static class HealthThresholdsArgument
{
    public static HealthThresholds From(object? value)
    {
        value = value is PSObject ps ? ps.BaseObject : value;
        if (value is null) return new HealthThresholds();
        if (value is HealthThresholds thresholds) return thresholds;
        if (value is not IDictionary table)
            throw Invalid($"-Thresholds takes a hashtable of limits, such as @{{ MinFreeDiskBytes = 10GB }}; got {value.GetType().Name}.");
        var result = new HealthThresholds();
        foreach (DictionaryEntry entry in table)
        {
            string name = entry.Key?.ToString() ?? "";
            var property = typeof(HealthThresholds).GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase)
                ?? throw Invalid($"-Thresholds has no limit named '{name}'; known: {string.Join(", ", typeof(HealthThresholds).GetProperties().Select(p => p.Name))}.");
            var raw = entry.Value is PSObject inner ? inner.BaseObject : entry.Value;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            try
            {
                object? converted = raw is null ? null
                    : type == typeof(TimeSpan) && raw is not TimeSpan ? TimeSpan.Parse(raw.ToString()!, CultureInfo.InvariantCulture)
                    : LanguagePrimitives.ConvertTo(raw, type, CultureInfo.InvariantCulture);
                property.SetValue(result, converted); // records' init setters are ordinary setters to reflection
            }
            catch (Exception e) when (e is PSInvalidCastException or FormatException or OverflowException)
            {
                throw Invalid($"-Thresholds value for {property.Name} is not a {type.Name}: {e.Message}");
            }
        }
        return result;
    }

    private static TripleStoreException Invalid(string message) =>
        new(ErrorCodes.Configuration, ErrorKind.InvalidArgument, message);
}
