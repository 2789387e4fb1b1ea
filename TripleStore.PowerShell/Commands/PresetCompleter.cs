using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// Completes -Preset with the names of the store configuration presets. The engine is asked for them
/// when it publishes a list (an enum, or a static string collection, of a type named *Preset or *Presets);
/// otherwise <see cref="KnownPresets"/> is the one place they are listed.
/// </summary>
public sealed class PresetCompleter : IArgumentCompleter
{
    /// <summary>The presets, for an engine that does not list them itself.</summary>
    public static readonly IReadOnlyList<string> KnownPresets =
        new[] { "Development", "ProductionLargeMemory", "ProductionLowMemory", "QueryHeavy", "BulkLoad" };

    private static readonly Lazy<IReadOnlyList<string>> Names = new(() => FromEngine() ?? KnownPresets);

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionValues.Complete(Names.Value, wordToComplete, name => $"Preset {name}");

    /// <summary>The names the engine publishes, or null when it publishes none.</summary>
    private static IReadOnlyList<string>? FromEngine()
    {
        Type[] types;
        try
        {
            types = typeof(RdfStore).Assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException)
        {
            return null;
        }
        foreach (var type in types.Where(t => t.Name.EndsWith("Preset", StringComparison.Ordinal) || t.Name.EndsWith("Presets", StringComparison.Ordinal)))
        {
            if (type.IsEnum) return Enum.GetNames(type);
            foreach (var member in type.GetProperties(BindingFlags.Public | BindingFlags.Static).Cast<MemberInfo>()
                         .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Static)))
            {
                if (member.Name is not ("Names" or "All" or "Available")) continue;
                var value = member is PropertyInfo p ? p.GetValue(null) : ((FieldInfo)member).GetValue(null);
                if (value is IEnumerable<string> names) return names.ToArray();
                if (value is IEnumerable items)
                {
                    // A collection of preset objects: take each one's Name.
                    var list = items.Cast<object>().Select(i => i.GetType().GetProperty("Name")?.GetValue(i) as string ?? i.ToString()!).ToArray();
                    if (list.Length > 0) return list;
                }
            }
        }
        return null;
    }
}
