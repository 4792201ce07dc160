using StationNet.Grains.Stations;

namespace StationNet.Silo.Sample;

/// <summary>
/// What plausible demo traffic looks like: a lunch peak and a smaller evening peak on weekdays, a flatter
/// weekend, a steady trickle at night in the stations open round the clock, nothing outside opening hours,
/// bigger stations busier, more water and showers in the summer heat (清凉), more hot meals in winter (暖心),
/// and a deep dip around the Spring Festival, when many outdoor workers go home.
/// </summary>
public static class TrafficPattern
{
    /// <summary>The seats of a station of average size; a station's rate scales with its seats.</summary>
    private const double AverageSeats = 15;

    // Share of the peak rate for each local hour 0–23, on weekdays and at weekends.
    private static readonly double[] WeekdayShare =
    [
        0.05, 0.03, 0.02, 0.02, 0.03, 0.10, 0.25, 0.45, 0.55, 0.50, 0.60, 0.90,
        1.00, 0.85, 0.50, 0.45, 0.50, 0.70, 0.75, 0.55, 0.35, 0.25, 0.15, 0.08,
    ];

    private static readonly double[] WeekendShare =
    [
        0.05, 0.03, 0.02, 0.02, 0.03, 0.08, 0.18, 0.30, 0.40, 0.45, 0.55, 0.75,
        0.80, 0.70, 0.50, 0.45, 0.45, 0.55, 0.60, 0.50, 0.35, 0.25, 0.15, 0.08,
    ];

    /// <summary>
    /// A station open round the clock (a railway station, a port, a logistics park) serves night-shift
    /// drivers, couriers and the sanitation crews who start before dawn: at night it keeps this share of its peak.
    /// </summary>
    private const double AllDayNightShare = 0.3;

    private static readonly Dictionary<string, double> ServiceWeight = new()
    {
        ["visit"] = 34, ["water"] = 24, ["charging"] = 14, ["meal"] = 12, ["giveaway"] = 6,
        ["shower"] = 5, ["haircut"] = 2, ["firstaid"] = 1.5,
    };

    // Summer heat relief (夏送清凉): water, cooling giveaways and showers; winter warmth (冬送温暖): hot meals and warm giveaways.
    private static readonly Dictionary<string, double> SummerWeight = new() { ["water"] = 1.8, ["giveaway"] = 1.6, ["shower"] = 1.5, ["meal"] = 0.8 };
    private static readonly Dictionary<string, double> WinterWeight = new() { ["meal"] = 1.7, ["giveaway"] = 1.4, ["water"] = 0.7, ["shower"] = 0.8 };

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<string>, double[][]> Weights = [];

    private static readonly string[] Groups = ["sanitation", "courier", "delivery", "driver", "construction", "other"];
    private static readonly double[] GroupWeight = [30, 22, 25, 10, 8, 5];

    // 春节 (the first day of the lunar year), 2024–2032.
    private static readonly DateOnly[] SpringFestival =
    [
        new(2024, 2, 10), new(2025, 1, 29), new(2026, 2, 17), new(2027, 2, 6), new(2028, 1, 26),
        new(2029, 2, 13), new(2030, 2, 3), new(2031, 1, 23), new(2032, 2, 11),
    ];

    /// <summary>Expected taps in the given span for a station at a local time, zero when it is closed.</summary>
    public static double ExpectedTaps(StationInfo station, DateTime localTime, double peakPerHour, TimeSpan span) =>
        station.OpeningHours.IsOpenAt(TimeOnly.FromDateTime(localTime)) ? HourlyRate(station, localTime, peakPerHour) * span.TotalHours : 0;

    /// <summary>Taps per hour for a station at a local time if it is open then.</summary>
    public static double HourlyRate(StationInfo station, DateTime localTime, double peakPerHour) =>
        peakPerHour * Size(station) * HourShare(station, localTime) * DayFactor(DateOnly.FromDateTime(localTime));

    /// <summary>The day's level against an ordinary weekday: summer and winter busier, the Spring Festival quiet.</summary>
    public static double DayFactor(DateOnly day)
    {
        var season = day.Month switch
        {
            6 or 7 or 8 => 1.25,
            9 => 1.1,
            12 or 1 or 2 => 1.1,
            _ => 1.0,
        };
        return season * FestivalFactor(day);
    }

    /// <summary>From a week before the Spring Festival to two weeks after, many workers are home: visits fall to a quarter at the lowest.</summary>
    public static double FestivalFactor(DateOnly day)
    {
        foreach (var festival in SpringFestival)
        {
            var offset = day.DayNumber - festival.DayNumber;
            if (offset is >= -7 and <= 15)
            {
                var depth = offset < 0 ? (offset + 8) / 8.0 : offset <= 6 ? 1.0 : (16 - offset) / 10.0;
                return 1 - 0.75 * depth;
            }
        }
        return 1;
    }

    public static (string Service, int Quantity, string? WorkerGroup) Next(StationInfo station, DateOnly day, Random random)
    {
        var season = day.Month is >= 6 and <= 9 ? 1 : day.Month is 12 or 1 or 2 ? 2 : 0;
        // A station's weights per season, worked out once: the history asks for hundreds of thousands of taps.
        var weights = Weights.GetValue(station.Services, services =>
            [.. new[] { null, SummerWeight, WinterWeight }.Select(w => services.Select(s => ServiceWeight.GetValueOrDefault(s, 1) * (w?.GetValueOrDefault(s, 1) ?? 1)).ToArray())]);
        var service = Pick(station.Services, weights[season], random);
        var quantity = service is "water" or "giveaway" && random.NextDouble() < 0.2 ? random.Next(2, 6) : 1;
        var group = service == "visit" && random.NextDouble() < 0.8 ? Pick(Groups, GroupWeight, random) : null;
        return (service, quantity, group);
    }

    /// <summary>A station's size against the average; one added without a seat count counts as average.</summary>
    private static double Size(StationInfo station) => station.Seats > 0 ? station.Seats / AverageSeats : 1;

    private static double HourShare(StationInfo station, DateTime localTime)
    {
        var weekend = localTime.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var share = (weekend ? WeekendShare : WeekdayShare)[localTime.Hour];
        return station.OpeningHours == OpeningHours.AllDay ? Math.Max(share, AllDayNightShare) : share;
    }

    private static string Pick(IReadOnlyList<string> items, double[] weights, Random random)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }
        var x = random.NextDouble() * total;
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
