using System.Globalization;

namespace StationNet.Bench;

/// <summary>
/// A histogram from the silo's /metrics: the push latency <c>stationnet.push.latency</c> (from the first change of a
/// batch reaching the network grain to the batch written to every wall connected to that silo), or the journal's
/// <c>stationnet.journal.batch.size</c>. Read before and after a phase; the difference is that phase's share.
/// </summary>
public sealed record MetricHistogram(IReadOnlyList<(double Le, double Count)> Buckets, double Sum, double Count)
{
    public const string PushLatency = "stationnet_push_latency_seconds";
    /// <summary>Records per group commit of the PostgreSQL journal.</summary>
    public const string JournalBatch = "stationnet_journal_batch_size";

    public static async Task<MetricHistogram> Read(HttpClient http, string name = PushLatency)
    {
        var buckets = new List<(double, double)>();
        double sum = 0, count = 0;
        foreach (var line in (await http.GetStringAsync("/metrics")).Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }
            // name{labels} value [timestamp]
            var value = double.Parse((line.Contains('}') ? line[(line.LastIndexOf('}') + 1)..] : line[line.IndexOf(' ')..]).Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            if (line.StartsWith(name + "_bucket", StringComparison.Ordinal))
            {
                var le = line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..];
                le = le[..le.IndexOf('"')];
                buckets.Add((le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture), value));
            }
            else if (line.StartsWith(name + "_sum", StringComparison.Ordinal))
            {
                sum += value;
            }
            else if (line.StartsWith(name + "_count", StringComparison.Ordinal))
            {
                count += value;
            }
        }
        return new MetricHistogram(buckets.GroupBy(b => b.Item1).Select(g => (g.Key, g.Sum(b => b.Item2))).OrderBy(b => b.Item1).ToList(), sum, count);
    }

    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    public MetricHistogram Since(MetricHistogram before) => new(
        Buckets.Select(b => (b.Le, b.Count - before.Buckets.Where(o => o.Le == b.Le).Sum(o => o.Count))).ToList(), Sum - before.Sum, Count - before.Count);

    /// <summary>The bucket bound the quantile falls under, in ms (the histogram keeps buckets, not single pushes).</summary>
    public double AtMostMs(double q)
    {
        foreach (var (le, n) in Buckets)
        {
            if (n >= q * Count)
            {
                return le * 1000;
            }
        }
        return double.PositiveInfinity;
    }

    public double ShareWithinMs(double ms) => Count == 0 ? double.NaN : Buckets.Where(b => b.Le * 1000 <= ms + 1e-9).Select(b => b.Count).DefaultIfEmpty(0).Max() / Count;

    public override string ToString() => Count == 0 ? "n/a (no pushes)" :
        $"mean {Sum / Count * 1000:0.0} ms · p50 ≤ {AtMostMs(0.5):0} · p95 ≤ {AtMostMs(0.95):0} · p99 ≤ {AtMostMs(0.99):0} ms · {ShareWithinMs(150):P1} within 150 ms (n={Count:0} pushes)";
}
