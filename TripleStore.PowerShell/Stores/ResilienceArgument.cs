using System.Collections;
using System.Globalization;
using System.Management.Automation;
using TripleStore.Remote;

namespace TripleStore.PowerShell.Stores;

/// <summary>
/// Builds <see cref="RemoteResilienceOptions"/> from a hashtable such as
/// <c>@{ MaxRetryAttempts = 5; Timeout = '00:00:10'; BreakDuration = 30 }</c> (numbers are seconds for
/// time spans). Scripts cannot name the engine's types, so a hashtable is how they set policies.
/// </summary>
internal static class ResilienceArgument
{
    public static RemoteResilienceOptions From(object? value)
    {
        value = value is PSObject ps ? ps.BaseObject : value;
        if (value is null) return new RemoteResilienceOptions();
        if (value is RemoteResilienceOptions options) return options;
        if (value is not IDictionary table)
            throw Invalid($"-Resilience takes a hashtable, such as @{{ MaxRetryAttempts = 5; Timeout = 10 }}; got {value.GetType().Name}.");
        var result = new RemoteResilienceOptions();
        foreach (DictionaryEntry entry in table)
        {
            string name = entry.Key?.ToString() ?? "";
            var property = typeof(RemoteResilienceOptions).GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase)
                ?? throw Invalid($"-Resilience has no setting named '{name}'; known: {string.Join(", ", typeof(RemoteResilienceOptions).GetProperties().Select(p => p.Name))}.");
            var raw = entry.Value is PSObject inner ? inner.BaseObject : entry.Value;
            var type = property.PropertyType;
            try
            {
                object? converted = type == typeof(TimeSpan)
                    ? raw switch
                    {
                        TimeSpan t => t,
                        int or long or double or decimal or float => TimeSpan.FromSeconds(System.Convert.ToDouble(raw, CultureInfo.InvariantCulture)),
                        _ => TimeSpan.Parse(raw?.ToString() ?? "", CultureInfo.InvariantCulture),
                    }
                    : LanguagePrimitives.ConvertTo(raw, type, CultureInfo.InvariantCulture);
                property.SetValue(result, converted);
            }
            catch (Exception e) when (e is PSInvalidCastException or FormatException or OverflowException or InvalidCastException)
            {
                throw Invalid($"-Resilience value for {property.Name} is not a {type.Name}: {e.Message}");
            }
        }
        return result;
    }

    private static TripleStoreException Invalid(string message) => new(ErrorCodes.Configuration, ErrorKind.InvalidArgument, message);
}
