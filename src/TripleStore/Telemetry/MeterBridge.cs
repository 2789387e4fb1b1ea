using System.Diagnostics.Metrics;
using Prometheus;

namespace TripleStore.Telemetry;

/// <summary>
/// Feeds the TripleStore meter into a private prometheus-net registry through a
/// <see cref="MeterListener"/>, so the Prometheus text is written by prometheus-net rather than by
/// hand. Started with the instruments, so no measurement is missed; observable gauges are read just
/// before each collection. Names follow the OpenTelemetry-to-Prometheus rules: dots become
/// underscores, the unit becomes a suffix (s → _seconds, By → _bytes, {x} dropped, /s → _per_second)
/// and counters end in _total.
/// </summary>
internal static class MeterBridge
{
    private static readonly object Gate = new();
    private static MeterListener? _listener;

    public static CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    public static void Start()
    {
        lock (Gate)
        {
            if (_listener is not null) return;
            var factory = Metrics.WithCustomRegistry(Registry);
            var listener = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (!ReferenceEquals(instrument.Meter, TripleStoreTelemetry.Meter)) return;
                    if (!StoreMetrics.Definitions.TryGetValue(instrument.Name, out var definition)) return;
                    l.EnableMeasurementEvents(instrument, Sink.Create(factory, instrument, definition));
                },
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((Sink)state!).Record(value, tags));
            listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((Sink)state!).Record(value, tags));
            listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((Sink)state!).Record(value, tags));
            Registry.AddBeforeCollectCallback(() => listener.RecordObservableInstruments());
            listener.Start();
            _listener = listener;
        }
    }

    /// <summary>The Prometheus series name of an OpenTelemetry instrument.</summary>
    public static string PrometheusName(string name, string unit, bool counter)
    {
        var result = name.Replace('.', '_');
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !result.EndsWith("_" + suffix, StringComparison.Ordinal)) result += "_" + suffix;
        if (counter) result += "_total";
        return result;
    }

    private static string UnitSuffix(string unit)
    {
        var parts = unit.Split('/');
        var names = parts.Select(part => part switch
        {
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            _ when part.StartsWith('{') => "",
            _ => part,
        }).ToArray();
        if (names.Length == 2)
            return names[0].Length == 0 ? "per_" + Second(names[1]) : names[0] + "_per_" + Second(names[1]);
        return names[0];

        static string Second(string unit) => unit == "seconds" ? "second" : unit;
    }

    /// <summary>One instrument's prometheus-net collector and its label names.</summary>
    private sealed class Sink
    {
        private readonly string[] _labels;
        private readonly Action<string[], double> _record;

        private Sink(string[] labels, Action<string[], double> record)
        {
            _labels = labels;
            _record = record;
        }

        public static Sink Create(IMetricFactory factory, Instrument instrument, InstrumentDefinition definition)
        {
            var labels = definition.Attributes;
            var labelNames = labels.Select(a => a.Replace('.', '_')).ToArray();
            var help = definition.Description;
            var type = instrument.GetType().GetGenericTypeDefinition();
            if (type == typeof(Counter<>))
            {
                var counter = factory.CreateCounter(PrometheusName(definition.Name, definition.Unit, counter: true), help, labelNames);
                return new Sink(labels, (values, v) => counter.WithLabels(values).Inc(v));
            }
            if (type == typeof(Histogram<>))
            {
                var histogram = factory.CreateHistogram(PrometheusName(definition.Name, definition.Unit, counter: false), help, labelNames,
                    new HistogramConfiguration { Buckets = definition.Buckets ?? Histogram.ExponentialBuckets(1, 10, 8) });
                return new Sink(labels, (values, v) => histogram.WithLabels(values).Observe(v));
            }
            var gauge = factory.CreateGauge(PrometheusName(definition.Name, definition.Unit, counter: false), help, labelNames);
            return new Sink(labels, (values, v) => gauge.WithLabels(values).Set(v));
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var values = new string[_labels.Length];
            for (int i = 0; i < _labels.Length; i++)
            {
                values[i] = "";
                foreach (var tag in tags)
                {
                    if (tag.Key != _labels[i]) continue;
                    values[i] = tag.Value switch
                    {
                        bool b => b ? "true" : "false",
                        null => "",
                        var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    };
                    break;
                }
            }
            _record(values, value);
        }
    }
}
