using StationNet.Grains.Stations;

namespace StationNet.Grains.Tests;

public class ComplianceTests
{
    private static readonly DateOnly Today = new(2026, 5, 10);

    private static StationInfo Station(string opens, string closes) => new("s", "n", "驿站", "街道", ["visit"], new OpeningHours(opens, closes), 5);

    [Fact]
    public void An_open_hour_with_nothing_logged_is_silent_and_closed_hours_do_not_count()
    {
        var active = new HashSet<(DateOnly, int)> { (Today.AddDays(-1), 8), (Today.AddDays(-1), 9) };

        var result = Compliance.Of(Station("08:00", "12:00"), Today.AddDays(-1), Today.AddDays(-1), active, Today, 15);

        Assert.Equal(4, result.OpenHours);
        Assert.Equal(2, result.SilentHours);
        Assert.Equal([10, 11], Assert.Single(result.Silent).Hours);
        Assert.Equal(0, result.SilentDays);
    }

    [Fact]
    public void A_whole_open_day_with_nothing_logged_is_a_silent_day()
    {
        var result = Compliance.Of(Station("08:00", "12:00"), Today.AddDays(-3), Today.AddDays(-1), new HashSet<(DateOnly, int)>(), Today, 15);

        Assert.Equal(12, result.OpenHours);
        Assert.Equal(3, result.SilentDays);
    }

    [Fact]
    public void Hours_still_to_come_today_do_not_count()
    {
        var result = Compliance.Of(Station("00:00", "20:00"), Today, Today, new HashSet<(DateOnly, int)> { (Today, 3) }, Today, 5);

        Assert.Equal(5, result.OpenHours); // hours 0–4 have passed
        Assert.Equal([0, 1, 2, 4], Assert.Single(result.Silent).Hours);
        Assert.Equal(0, result.SilentDays); // today is not over
    }

    [Fact]
    public void Overnight_opening_hours_count_the_hours_after_midnight()
    {
        var result = Compliance.Of(Station("22:00", "02:00"), Today.AddDays(-1), Today.AddDays(-1), new HashSet<(DateOnly, int)>(), Today, 15);

        Assert.Equal([0, 1, 22, 23], Assert.Single(result.Silent).Hours);
    }

    [Theory]
    [InlineData("00:00", "24:00")]
    [InlineData("00:00", "00:00")]
    public void A_station_open_around_the_clock_is_not_flagged_for_quiet_night_hours(string opens, string closes)
    {
        var day = Today.AddDays(-1);
        var active = Enumerable.Range(6, 16).Select(h => (day, h)).ToHashSet();

        var result = Compliance.Of(Station(opens, closes), day, day, active, Today, 15);

        Assert.Equal(16, result.OpenHours); // 06:00–22:00, the hours its attendants keep
        Assert.Equal(0, result.SilentHours);
        Assert.Empty(result.Silent);
    }

    [Fact]
    public void A_station_open_around_the_clock_is_still_flagged_for_a_silent_daytime_hour()
    {
        var day = Today.AddDays(-1);
        var active = Enumerable.Range(6, 16).Where(h => h != 10).Select(h => (day, h)).ToHashSet();

        var result = Compliance.Of(Station("00:00", "24:00"), day, day, active, Today, 15);

        Assert.Equal([10], Assert.Single(result.Silent).Hours);
    }

    [Fact]
    public void A_station_never_opened_keeps_none_of_its_due_hours_from_the_day_opening_is_tracked_and_not_before()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var empty = new HashSet<(DateOnly, int)>();
        // The network's first station was opened two days ago: from then, each due hour of a station with no session is not kept.
        var never = Compliance.Of(Station("08:00", "12:00"), Today.AddDays(-4), Today.AddDays(-1), empty, Today, 15, [], zone, Today.AddDays(-2));
        Assert.Equal(0, never.OpenedHours);
        Assert.Equal(8, never.UnopenedHours); // 2 tracked days × 4 due hours; the 2 days before tracking began are not judged
        Assert.Equal([Today.AddDays(-2), Today.AddDays(-1)], never.Unopened!.Select(d => d.Day));

        // Not before the station existed (its first hours entry), nor when the network never opened any station (no basis: unknown).
        var added = Station("08:00", "12:00") with { HoursHistory = [new HoursChange(Today.AddDays(-1), new OpeningHours("08:00", "12:00"))] };
        Assert.Equal(4, Compliance.Of(added, Today.AddDays(-4), Today.AddDays(-1), empty, Today, 15, [], zone, Today.AddDays(-3)).UnopenedHours);
        Assert.Null(Compliance.Of(Station("08:00", "12:00"), Today.AddDays(-4), Today.AddDays(-1), empty, Today, 15, [], zone, null).UnopenedHours);
        Assert.Null(Compliance.Of(Station("08:00", "12:00"), Today.AddDays(-4), Today.AddDays(-3), empty, Today, 15, [], zone, Today.AddDays(-2)).UnopenedHours);
    }
}
