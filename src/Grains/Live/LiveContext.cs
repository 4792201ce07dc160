namespace StationNet.Grains.Live;

/// <summary>
/// What the wall sets today against: yesterday's and the same weekday last week's hours, the month's and the
/// year's totals before today, the same periods last year, and each of the 29 days before today. The network
/// grain loads it at the start of each day; events of earlier days that arrive late (a tablet that was offline)
/// keep it current, so month and year agree with the reports all day.
/// </summary>
public sealed class LiveContext
{
    public const int PastDays = 29;

    public Dictionary<string, int[]> YesterdayHourly { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, int[]> LastWeekHourly { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> MonthBefore { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> YearBefore { get; init; } = new(StringComparer.Ordinal);

    /// <summary>This date last year by hour: the wall adds its hours up to now, so today is set against the same part of that day.</summary>
    public Dictionary<string, int[]> LastYearHourly { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The 1st of this month last year through the day before this date last year.</summary>
    public Dictionary<string, int> MonthLastYear { get; init; } = new(StringComparer.Ordinal);

    /// <summary>1 January last year through the day before this date last year.</summary>
    public Dictionary<string, int> YearLastYear { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Network totals of the <see cref="PastDays"/> days before today, oldest first, every day present.</summary>
    public SortedDictionary<DateOnly, int> Days { get; init; } = [];

    /// <summary>The day range of <see cref="Days"/> for a given today.</summary>
    public static (DateOnly From, DateOnly To) DaysRange(DateOnly today) => (today.AddDays(-PastDays), today.AddDays(-1));

    /// <summary>Counts an event (or takes a void off) of a day before <paramref name="today"/>; true when anything shown changed.</summary>
    public bool CountEarlier(DateOnly today, DateOnly day, string service, int hour, int quantity)
    {
        if (day >= today || quantity == 0 || hour is < 0 or > 23)
        {
            return false;
        }
        var changed = false;
        if (day.Year == today.Year)
        {
            changed |= Add(YearBefore, service, quantity);
            if (day.Month == today.Month)
            {
                changed |= Add(MonthBefore, service, quantity);
            }
        }
        var lastYear = today.AddYears(-1);
        if (day == lastYear)
        {
            changed |= AddHour(LastYearHourly, service, hour, quantity);
        }
        else if (day.Year == lastYear.Year && day < lastYear)
        {
            changed |= Add(YearLastYear, service, quantity);
            if (day.Month == lastYear.Month)
            {
                changed |= Add(MonthLastYear, service, quantity);
            }
        }
        if (Days.ContainsKey(day))
        {
            Days[day] += quantity;
            changed = true;
        }
        if (day == today.AddDays(-1))
        {
            changed |= AddHour(YesterdayHourly, service, hour, quantity);
        }
        if (day == today.AddDays(-7))
        {
            changed |= AddHour(LastWeekHourly, service, hour, quantity);
        }
        return changed;
    }

    public IReadOnlyList<DayTotal> DayList() => Days.Select(d => new DayTotal(d.Key, d.Value)).ToList();

    private static bool Add(Dictionary<string, int> totals, string service, int quantity)
    {
        totals[service] = totals.GetValueOrDefault(service) + quantity;
        return true;
    }

    private static bool AddHour(Dictionary<string, int[]> hourly, string service, int hour, int quantity)
    {
        if (!hourly.TryGetValue(service, out var hours))
        {
            hourly[service] = hours = new int[24];
        }
        hours[hour] += quantity;
        return true;
    }
}
