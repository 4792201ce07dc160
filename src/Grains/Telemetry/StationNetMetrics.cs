using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace StationNet.Grains.Telemetry;

/// <summary>
/// StationNet's own instruments (meter "StationNet"), exported with the framework's at /metrics.
/// Each silo counts what passes through it; Prometheus sums the silos. See docs/operations.md.
/// </summary>
public sealed class StationNetMetrics
{
    public const string MeterName = "StationNet";
    private static readonly TimeSpan ActiveWindow = TimeSpan.FromHours(1);

    private readonly Counter<long> _events;
    private readonly Histogram<double> _pushLatency;
    private readonly Histogram<int> _batchSize;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tablets = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public StationNetMetrics(IMeterFactory meters, StationClock time)
    {
        _time = time;
        Meter = meters.Create(MeterName);
        _events = Meter.CreateCounter<long>("stationnet.events", "{event}", "Events received from tablets, by outcome (accepted, duplicate, refused) and service");
        _pushLatency = Meter.CreateHistogram<double>("stationnet.push.latency", "s",
            "From the first tap (or child batch) of a batch reaching the network grain to the batch being written to this silo's screens",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 5] });
        _batchSize = Meter.CreateHistogram<int>("stationnet.journal.batch.size", "{record}", "Records per group commit of the PostgreSQL journal",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500] });
        Meter.CreateObservableGauge("stationnet.tablets.active", CountActiveTablets, "{tablet}", "Tablets that sent an event to this silo in the last hour");
    }

    /// <summary>The meter, for instruments that observe state kept elsewhere (screen connections).</summary>
    public Meter Meter { get; }

    public void Event(string outcome, string? service) =>
        _events.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("service", service ?? "none"));

    public void TabletSeen(string deviceId) => _tablets[deviceId] = _time.GetUtcNow();

    public void Pushed(TimeSpan latency) => _pushLatency.Record(Math.Max(0, latency.TotalSeconds));

    public void Committed(int records) => _batchSize.Record(records);

    private int CountActiveTablets()
    {
        var since = _time.GetUtcNow() - ActiveWindow;
        foreach (var stale in _tablets.Where(t => t.Value < since).Select(t => t.Key).ToList())
        {
            _tablets.TryRemove(stale, out _);
        }
        return _tablets.Count;
    }
}
