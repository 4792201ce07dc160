namespace StationNet.Bench;

/// <summary>Latencies in milliseconds, summarised.</summary>
public sealed record Summary(int Count, double Mean, double P50, double P95, double P99, double Max)
{
    public static Summary Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Summary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Summary(sorted.Length, sorted.Average(), At(0.50), At(0.95), At(0.99), sorted[^1]);
    }

    public override string ToString() => Count == 0 ? "n/a" : $"p50 {P50:0.0} · p95 {P95:0.0} · p99 {P99:0.0} · max {Max:0.0} ms (n={Count})";
}

/// <summary>One line of the results table.</summary>
public sealed record Result(string Area, string Measure, string Value, string? Target = null, bool? Met = null);
