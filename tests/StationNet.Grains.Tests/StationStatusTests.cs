using StationNet.Grains.Catalog;
using StationNet.Grains.Opening;
using StationNet.Grains.Stations;

namespace StationNet.Grains.Tests;

/// <summary>The one status function, rule by rule, at fixed instants in Shanghai.</summary>
public class StationStatusTests
{
    private static readonly TimeZoneInfo Zone = LocalDay.Zone(LocalDay.DefaultTimeZone);
    private static readonly TimeSpan Silent = TimeSpan.FromMinutes(90);
    private static readonly StationInfo DayStation = new("s", "n", "驿站", "街道", ["visit"], new OpeningHours("08:00", "20:00"), 4);

    private static DateTimeOffset At(int hour, int minute) => new(2026, 6, 1, hour, minute, 0, TimeSpan.FromHours(8));

    private static string Of(OpeningFacts facts, DateTimeOffset now, StationInfo? station = null, DateTimeOffset? lastTap = null, DateTimeOffset? heardFrom = null) =>
        StationStatus.Of(facts, lastTap, station ?? DayStation, Zone, now, Silent, heardFrom).Status;

    [Fact]
    public void Not_opened_is_closed_until_fifteen_minutes_after_opening_time_then_late()
    {
        Assert.Equal("closed", Of(OpeningFacts.None, At(7, 50)));
        Assert.Equal("closed", Of(OpeningFacts.None, At(8, 14)));
        var (status, since) = StationStatus.Of(OpeningFacts.None, null, DayStation, Zone, At(8, 15), Silent);
        Assert.Equal("late", status);
        Assert.Equal(At(8, 15), since);
        Assert.Equal("closed", Of(OpeningFacts.None, At(20, 0)));
    }

    [Fact]
    public void A_station_round_the_clock_until_today_keeps_its_new_hours_from_the_day_they_start()
    {
        // Saved yesterday as 24 hours, with 08:00–20:00 from today (a change that waited in the history).
        var yesterday = DateOnly.FromDateTime(At(0, 0).DateTime).AddDays(-1);
        var station = DayStation with
        {
            OpeningHours = OpeningHours.AllDay,
            HoursHistory = [new HoursChange(DateOnly.MinValue, OpeningHours.AllDay), new HoursChange(yesterday.AddDays(1), new OpeningHours("08:00", "20:00"))],
        };
        Assert.Equal("closed", Of(OpeningFacts.None, At(21, 0), station));
        Assert.Equal("closed", Of(OpeningFacts.None, At(7, 0), station));
        Assert.Equal("late", Of(OpeningFacts.None, At(9, 0), station));
        Assert.Equal("late", Of(OpeningFacts.None, At(21, 0).AddDays(-1), station)); // yesterday it was open all night
    }

    [Fact]
    public void Closed_yesterday_is_late_today_but_closed_after_opening_today_is_closed()
    {
        var closedYesterday = new OpeningFacts(At(8, 0).AddDays(-1), At(20, 0).AddDays(-1), null);
        var closedAtNoon = new OpeningFacts(At(8, 1), At(12, 0), At(11, 59));
        Assert.Equal("late", Of(closedYesterday, At(9, 0)));
        Assert.Equal("closed", Of(closedAtNoon, At(13, 0)));
    }

    [Fact]
    public void Open_with_heartbeats_is_open_and_without_them_for_three_minutes_unreachable()
    {
        var facts = new OpeningFacts(At(8, 0), null, At(9, 0));
        Assert.Equal("open", Of(facts, At(9, 3), lastTap: At(8, 30)));
        Assert.Equal("unreachable", Of(facts, At(9, 3).AddSeconds(1), lastTap: At(8, 30)));
        Assert.False(StationStatus.IsOpenNow("unreachable"));
    }

    [Fact]
    public void A_listener_that_just_woke_gives_the_tablet_three_minutes()
    {
        var loaded = new OpeningFacts(At(8, 0), null, null);
        Assert.Equal("open", Of(loaded, At(9, 2), lastTap: At(9, 0), heardFrom: At(9, 0)));
        Assert.Equal("unreachable", Of(loaded, At(9, 4), lastTap: At(9, 0), heardFrom: At(9, 0)));
    }

    [Fact]
    public void Open_with_nothing_logged_for_the_silent_time_is_open_silent()
    {
        var facts = new OpeningFacts(At(8, 0), null, At(10, 0));
        Assert.Equal("open", Of(facts, At(9, 30), lastTap: null));
        Assert.Equal("open-silent", Of(facts, At(10, 0), lastTap: null));
        Assert.Equal("open", Of(facts, At(10, 0), lastTap: At(9, 0)));
        Assert.True(StationStatus.IsOpenNow("open-silent"));
    }

    [Fact]
    public void A_round_the_clock_station_not_open_is_late_and_hours_in_force_decide()
    {
        var allDay = DayStation with { OpeningHours = OpeningHours.AllDay };
        Assert.Equal("late", Of(OpeningFacts.None, At(3, 0), allDay));
        var changed = DayStation with
        {
            OpeningHours = new OpeningHours("10:00", "20:00"),
            HoursHistory = [new HoursChange(new DateOnly(2026, 1, 1), new OpeningHours("08:00", "20:00")), new HoursChange(new DateOnly(2026, 6, 2), new OpeningHours("10:00", "20:00"))],
        };
        Assert.Equal("late", Of(OpeningFacts.None, At(9, 0), changed)); // 1 June: the 08:00 hours were still in force
        Assert.Equal("closed", Of(OpeningFacts.None, At(9, 0).AddDays(1), changed));
    }

    [Fact]
    public void Hours_past_midnight_count_from_the_evening_opening()
    {
        var night = DayStation with { OpeningHours = new OpeningHours("20:00", "06:00") };
        Assert.Equal("late", Of(OpeningFacts.None, At(2, 0), night));
        Assert.Equal("closed", Of(OpeningFacts.None, At(20, 10), night));
        Assert.Equal("late", Of(OpeningFacts.None, At(20, 15), night));
    }
}
