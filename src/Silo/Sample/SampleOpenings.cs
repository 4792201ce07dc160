using StationNet.Grains.Catalog;
using StationNet.Grains.Opening;
using StationNet.Grains.Stations;

namespace StationNet.Silo.Sample;

/// <summary>
/// When the sample stations' attendants open them (开站), the same for the history and for the simulator, so the year's
/// hours kept, today's wall and the live taps agree. Most stations open a few minutes before their hours on almost every
/// day; a few open late more often; one (<see cref="NeverOpens"/>, the old town's) keeps the demo's late station: it is
/// not opened today, whatever day today is, and so serves nobody today. A station round the clock is opened once, on the
/// history's first day, and stays open. The same station and day always give the same time.
/// </summary>
public static class SampleOpenings
{
    /// <summary>示例·老城区驿站: not opened today (its wall tile says late); its history has opening days like the others, more of them late.</summary>
    public const string NeverOpens = "sample-05";

    /// <summary>Stations that open late more often than the rest (about three days in ten, half an hour to three hours late).</summary>
    public static readonly IReadOnlySet<string> OftenLate = new HashSet<string>(StringComparer.Ordinal) { NeverOpens, "sample-09", "sample-14" };

    /// <summary>
    /// Minutes after its opening time that the station is opened on the day (negative: before it), or null when it is not
    /// opened that day. <paramref name="today"/> is the simulated present: the never-opening station is not opened on it or after.
    /// </summary>
    public static int? OpensAfter(StationInfo station, DateOnly day, DateOnly today)
    {
        if (station.Id == NeverOpens && day >= today)
        {
            return null;
        }
        var roll = (int)(Hash(station.Id, day.DayNumber) % 1000);
        var lateShare = OftenLate.Contains(station.Id) ? 300 : 40; // per thousand days
        if (roll < 5)
        {
            return null; // a day nobody came (rare)
        }
        return roll < 5 + lateShare ? 30 + (int)(Hash(station.Id, -day.DayNumber) % 150) : -(int)(1 + Hash(day.DayNumber.ToString(), station.Id.Length) % 15);
    }

    /// <summary>The local times the station is opened and closed on the day by the sample's habits; null when it is not opened.</summary>
    public static (DateTime Open, DateTime? Close)? Session(StationInfo station, DateOnly day, DateOnly today)
    {
        var hours = station.HoursOn(day);
        if (hours.IsAllDay)
        {
            return (day.ToDateTime(TimeOnly.MinValue), null);
        }
        if (OpensAfter(station, day, today) is not { } after)
        {
            return null;
        }
        var opens = day.ToDateTime(TimeOnly.Parse(hours.Opens));
        var closes = hours.Closes == "24:00" ? day.AddDays(1).ToDateTime(TimeOnly.MinValue) : day.ToDateTime(TimeOnly.Parse(hours.Closes));
        if (closes <= opens)
        {
            closes = closes.AddDays(1); // runs past midnight
        }
        return (opens.AddMinutes(after), closes.AddMinutes((int)(Hash(station.Id, day.DayNumber + 7) % 10)));
    }

    /// <summary>
    /// The opening records of the stations' past, from <paramref name="first"/> up to <paramref name="now"/>, oldest first:
    /// an open and a close a day, a close only once its time has passed; a station round the clock opened once on the first day.
    /// </summary>
    public static IEnumerable<OpeningEntry> History(IReadOnlyList<StationInfo> stations, TimeZoneInfo zone, DateOnly first, DateTimeOffset now)
    {
        var today = LocalDay.Of(now, zone);
        var records = new List<OpeningEntry>();
        foreach (var station in stations.Where(s => !s.Retired))
        {
            for (var day = first; day <= today; day = day.AddDays(1))
            {
                if (Session(station, day, today) is not var (open, close) || (station.HoursOn(day).IsAllDay && day != first))
                {
                    continue;
                }
                var openAt = At(open, zone);
                if (openAt > now)
                {
                    continue;
                }
                records.Add(Record(station, day, OpeningKinds.Open, openAt));
                if (close is { } c && At(c, zone) is var closeAt && closeAt <= now)
                {
                    records.Add(Record(station, day, OpeningKinds.Close, closeAt));
                }
            }
        }
        return records.OrderBy(r => r.At);
    }

    private static OpeningEntry Record(StationInfo station, DateOnly day, string kind, DateTimeOffset at)
    {
        // A stable id per station, day and kind: the same history twice is the same records.
        var bytes = new byte[16];
        BitConverter.GetBytes(Hash(station.Id, day.DayNumber)).CopyTo(bytes, 0);
        BitConverter.GetBytes(Hash(kind + station.Id, day.DayNumber)).CopyTo(bytes, 8);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        return new OpeningEntry(new Guid(bytes), station.NetworkId, station.Id, kind, at, SampleHistory.Device, null);
    }

    private static DateTimeOffset At(DateTime local, TimeZoneInfo zone) => new(local, zone.GetUtcOffset(local));

    /// <summary>FNV-1a over the text and the number: stable across processes, unlike string.GetHashCode.</summary>
    private static ulong Hash(string text, int number)
    {
        var h = 14695981039346656037UL;
        foreach (var ch in text)
        {
            h = (h ^ ch) * 1099511628211UL;
        }
        for (var i = 0; i < 4; i++)
        {
            h = (h ^ (byte)(number >> (8 * i))) * 1099511628211UL;
        }
        return h ^ (h >> 29);
    }
}
