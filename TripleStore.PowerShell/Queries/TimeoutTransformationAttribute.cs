using System.Globalization;
using System.Management.Automation;

namespace TripleStore.PowerShell.Queries;

/// <summary>
/// Lets -Timeout take seconds (5, 0.5) as well as a TimeSpan or "00:01:30". Without it PowerShell would
/// read the number 5 as five ticks.
/// </summary>
public sealed class TimeoutTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject ps ? ps.BaseObject : inputData;
        switch (value)
        {
            case TimeSpan span: return span;
            case sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal:
                return TimeSpan.FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds):
                return TimeSpan.FromSeconds(seconds);
            case string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw new ArgumentTransformationMetadataException($"-Timeout takes seconds or a TimeSpan, not '{value}'.");
        }
    }
}
