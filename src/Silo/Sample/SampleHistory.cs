using StationNet.Grains.Catalog;
using StationNet.Grains.Journal;
using StationNet.Grains.Stations;

namespace StationNet.Silo.Sample;

/// <summary>
/// Plausible past taps for the sample network, up to the given instant, in the shape of
/// <see cref="TrafficPattern"/> (the simulator's shape, so today's history and today's live taps agree).
/// It starts on the first of January of last year, and at least 400 days back, so every comparison
/// the screens make (yesterday, the same days last year, the year to date against last year's) has
/// whole data on both sides. The same seed and the same clock give the same events, ids included. A station is tapped only
/// while it was opened by the habits of <see cref="SampleOpenings"/>, whose records are imported beside these.
/// </summary>
public static class SampleHistory
{
    public const int MinimumDays = 400;
    public const string Device = "sample-history";
    public const string Attendant = "示例值班员";
    private const int Seed = 20260416;

    public static IEnumerable<JournalEntry> Generate(IReadOnlyList<StationInfo> stations, TimeZoneInfo zone, DateTimeOffset now, double peakPerStationHour)
    {
        var random = new Random(Seed);
        var today = LocalDay.Of(now, zone);
        var id = new byte[16];
        var offset = zone.BaseUtcOffset;
        // Which minutes of the day each station is open, worked out once rather than per tap.
        var opening = stations.Select(s => (s, Enumerable.Range(0, 24 * 60).Select(m => s.OpeningHours.IsOpenAt(new TimeOnly(m / 60, m % 60))).ToArray())).ToList();
        for (var day = FirstDay(today); day <= today; day = day.AddDays(1))
        {
            // Weather and the like move a whole day up or down; each station has its own good and bad days too.
            var weather = 0.85 + 0.3 * random.NextDouble();
            foreach (var (station, open) in opening)
            {
                var level = weather * (0.8 + 0.4 * random.NextDouble());
                // Taps only while the station was opened that day by the sample's habits (SampleOpenings): none before a late opening.
                var session = SampleOpenings.Session(station, day, today);
                if (session is null)
                {
                    continue;
                }
                for (var hour = 0; hour < 24; hour++)
                {
                    var start = day.ToDateTime(new TimeOnly(hour, 0));
                    if (!open[hour * 60] && !open[hour * 60 + 59])
                    {
                        continue;
                    }
                    // Taps at the hour's rate; those that fall in minutes when the station is closed are dropped below.
                    var taps = Poisson(level * TrafficPattern.HourlyRate(station, start, peakPerStationHour), random);
                    for (var i = 0; i < taps; i++)
                    {
                        var second = random.Next(3600);
                        var local = start.AddSeconds(second);
                        var (service, quantity, group) = TrafficPattern.Next(station, day, random);
                        random.NextBytes(id);
                        if (!open[hour * 60 + second / 60] || zone.IsInvalidTime(local) || local < session.Value.Open || local >= session.Value.Close)
                        {
                            continue;
                        }
                        var occurredAt = new DateTimeOffset(local, zone.SupportsDaylightSavingTime ? zone.GetUtcOffset(local) : offset);
                        if (occurredAt > now)
                        {
                            continue;
                        }
                        yield return new JournalEntry(NewId(id, occurredAt), station.NetworkId, station.Id, service, quantity, occurredAt,
                            Min(occurredAt.AddSeconds(1 + random.Next(4)), now), day, hour, Attendant, group, Device);
                    }
                }
            }
        }
    }

    /// <summary>The first day of the history that ends today.</summary>
    public static DateOnly FirstDay(DateOnly today)
    {
        var lastYear = new DateOnly(today.Year - 1, 1, 1);
        var least = today.AddDays(1 - MinimumDays);
        return lastYear < least ? lastYear : least;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>
    /// A version-7 shaped id: the tap's time in milliseconds, then the seeded bytes, so the same history has the
    /// same ids, and the journal's primary key takes them in nearly ascending order (a bulk load into a
    /// b-tree is much cheaper in order than at random places).
    /// </summary>
    private static Guid NewId(byte[] bytes, DateTimeOffset occurredAt)
    {
        var ms = occurredAt.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static int Poisson(double mean, Random random)
    {
        if (mean <= 0)
        {
            return 0;
        }
        if (mean > 30)
        {
            // A normal approximation, for big stations at the peak.
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * normal));
        }
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }
        return k;
    }
}
