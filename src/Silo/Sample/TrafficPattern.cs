using StationNet.Grains.Stations;

namespace StationNet.Silo.Sample;

/// <summary>
/// What plausible demo traffic looks like: a lunch peak, a smaller evening peak, nothing outside
/// opening hours, visits and water far more common than showers and haircuts.
/// </summary>
public static class TrafficPattern
{
    // Share of the peak rate for each local hour 0–23.
    private static readonly double[] HourShare =
    [
        0.05, 0.03, 0.02, 0.02, 0.03, 0.10, 0.25, 0.45, 0.55, 0.50, 0.60, 0.90,
        1.00, 0.85, 0.50, 0.45, 0.50, 0.70, 0.75, 0.55, 0.35, 0.25, 0.15, 0.08,
    ];

    private static readonly Dictionary<string, double> ServiceWeight = new()
    {
        ["visit"] = 34, ["water"] = 24, ["charging"] = 14, ["meal"] = 12, ["giveaway"] = 6,
        ["shower"] = 5, ["haircut"] = 2, ["firstaid"] = 1.5,
    };

    private static readonly string[] Groups = ["sanitation", "courier", "delivery", "driver", "construction", "other"];
    private static readonly double[] GroupWeight = [30, 22, 25, 10, 8, 5];

    /// <summary>Expected taps in the given span for a station at a local time, zero when it is closed.</summary>
    public static double ExpectedTaps(StationInfo station, DateTime localTime, double peakPerHour, TimeSpan span) =>
        station.OpeningHours.IsOpenAt(TimeOnly.FromDateTime(localTime))
            ? peakPerHour * HourShare[localTime.Hour] * span.TotalHours
            : 0;

    public static (string Service, int Quantity, string? WorkerGroup) Next(StationInfo station, Random random)
    {
        var service = Pick(station.Services, station.Services.Select(s => ServiceWeight.GetValueOrDefault(s, 1)).ToArray(), random);
        var quantity = service is "water" or "giveaway" && random.NextDouble() < 0.2 ? random.Next(2, 6) : 1;
        var group = service == "visit" && random.NextDouble() < 0.8 ? Pick(Groups, GroupWeight, random) : null;
        return (service, quantity, group);
    }

    private static string Pick(IReadOnlyList<string> items, double[] weights, Random random)
    {
        var x = random.NextDouble() * weights.Sum();
        for (var i = 0; i < items.Count; i++)
        {
            x -= weights[i];
            if (x <= 0)
            {
                return items[i];
            }
        }
        return items[^1];
    }
}
