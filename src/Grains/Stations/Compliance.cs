namespace StationNet.Grains.Stations;

/// <summary>A station's silent hours: open by its hours, yet nothing logged.</summary>
public sealed record StationCompliance(string StationId, string Name, int OpenHours, int SilentHours, int SilentDays, IReadOnlyList<SilentDay> Silent);

public sealed record SilentDay(DateOnly Day, IReadOnlyList<int> Hours);

/// <summary>
/// Opening-hours compliance, the complaint that stations are "open" but locked: every hour a station is
/// open by its opening hours (judged at half past) in which it logged nothing. Hours still to come
/// do not count. Pure, so it is tested on its own.
/// </summary>
public static class Compliance
{
    public static StationCompliance Of(StationInfo station, DateOnly from, DateOnly to, ISet<(DateOnly Day, int Hour)> active, DateOnly today, int currentHour)
    {
        var open = 0;
        var silentHours = 0;
        var silentDays = 0;
        var silent = new List<SilentDay>();
        var aroundTheClock = Enumerable.Range(0, 24).All(h => station.OpeningHours.IsOpenAt(new TimeOnly(h, 30)));
        for (var day = from; day <= to && day <= today; day = day.AddDays(1))
        {
            var lastHour = day == today ? currentHour - 1 : 23;
            var openToday = Enumerable.Range(0, lastHour + 1).Where(h => station.OpeningHours.IsOpenAt(new TimeOnly(h, 30)) && (!aroundTheClock || IsDaytime(h))).ToList();
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
        }
        return new StationCompliance(station.Id, station.Name, open, silentHours, silentDays, silent);
    }

    /// <summary>
    /// A station open around the clock is staffed by day and left open at night for whoever needs it, so a quiet
    /// night is no sign of a locked door: it is judged from 06:00 to 22:00, the hours its attendants keep.
    /// </summary>
    public static bool IsDaytime(int hour) => hour is >= 6 and < 22;
}
