using StationNet.Grains.Opening;

namespace StationNet.Grains.Stations;

/// <summary>
/// A station's compliance: the hours it was due open and logged nothing (silent), and, from its opening sessions,
/// the due hours it was not open at all (unopened). Opening is judged from the day the network's first station was ever
/// opened (opening tracked) and from the station's own first day: every due hour from then that no session covers is
/// unopened, so a station that never opens keeps none. Unopened is null only when no day of the range is judged (the
/// network never opened a station yet, or the range ends before tracking began): the system does not know, so it does not say.
/// </summary>
public sealed record StationCompliance(string StationId, string Name, int OpenHours, int SilentHours, int SilentDays, IReadOnlyList<SilentDay> Silent,
    int? OpenedHours = null, int? UnopenedHours = null, IReadOnlyList<SilentDay>? Unopened = null);

public sealed record SilentDay(DateOnly Day, IReadOnlyList<int> Hours);

/// <summary>
/// Opening-hours compliance, the complaint that stations are "open" but locked: every hour a station is
/// due open by the hours in force that day (judged at half past) in which it logged nothing, or was not opened.
/// Hours still to come do not count. Pure, so it is tested on its own.
/// </summary>
public static class Compliance
{
    public static StationCompliance Of(StationInfo station, DateOnly from, DateOnly to, ISet<(DateOnly Day, int Hour)> active, DateOnly today, int currentHour,
        IReadOnlyList<OpeningSession>? sessions = null, TimeZoneInfo? zone = null, DateOnly? trackedSince = null)
    {
        var open = 0;
        var silentHours = 0;
        var silentDays = 0;
        var silent = new List<SilentDay>();
        sessions ??= [];
        var trackedFrom = zone is not null && trackedSince is { } since ? Max(since, FirstDay(station)) : DateOnly.MaxValue;
        var tracked = false;
        var opened = 0;
        var unopened = new List<SilentDay>();
        for (var day = from; day <= to && day <= today; day = day.AddDays(1))
        {
            var lastHour = day == today ? currentHour - 1 : 23;
            var hours = station.HoursOn(day);
            var aroundTheClock = hours.IsAllDay;
            var openToday = Enumerable.Range(0, lastHour + 1).Where(h => hours.IsOpenAt(new TimeOnly(h, 30)) && (!aroundTheClock || IsDaytime(h))).ToList();
            var quiet = openToday.Where(h => !active.Contains((day, h))).ToList();
            open += openToday.Count;
            silentHours += quiet.Count;
            if (openToday.Count > 0 && quiet.Count == openToday.Count && day < today)
            {
                silentDays++;
            }
            if (quiet.Count > 0)
            {
                silent.Add(new SilentDay(day, quiet));
            }
            if (day >= trackedFrom)
            {
                tracked = true;
                var closed = openToday.Where(h => !sessions.Any(s => Covers(s, HalfPast(day, h, zone!)))).ToList();
                opened += openToday.Count - closed.Count;
                if (closed.Count > 0)
                {
                    unopened.Add(new SilentDay(day, closed));
                }
            }
        }
        return new StationCompliance(station.Id, station.Name, open, silentHours, silentDays, silent,
            tracked ? opened : null, tracked ? unopened.Sum(d => d.Hours.Count) : null, tracked ? unopened : null);
    }

    /// <summary>The station's first day, when it was added with a start date (its first hours change); else no limit.</summary>
    public static DateOnly FirstDay(StationInfo station) =>
        station.HoursHistory is { Count: > 0 } history ? history.Min(h => h.From) : DateOnly.MinValue;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>
    /// A station open around the clock is staffed by day and left open at night for whoever needs it, so a quiet
    /// night is no sign of a locked door: it is judged from 06:00 to 22:00, the hours its attendants keep.
    /// </summary>
    public static bool IsDaytime(int hour) => hour is >= 6 and < 22;

    private static DateTimeOffset HalfPast(DateOnly day, int hour, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 30));
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static bool Covers(OpeningSession s, DateTimeOffset at) => s.OpenedAt <= at && (s.ClosedAt is null || s.ClosedAt > at);
}
