using StationNet.Grains.Catalog;
using StationNet.Grains.Stations;

namespace StationNet.Grains.Tests;

public class StationStatusTests
{
    private static readonly TimeZoneInfo Zone = LocalDay.Zone(LocalDay.DefaultTimeZone);

    private static StationInfo Station(string opens, string closes, bool retired = false) =>
        new("s", "n", "S", "T", ["visit"], new OpeningHours(opens, closes), 4, retired);

    /// <summary>An instant at the given local time on 2026-05-01 in Shanghai.</summary>
    private static DateTimeOffset At(string local) => new(DateTime.Parse($"2026-05-01 {local}"), TimeSpan.FromHours(8));

    [Theory]
    [InlineData("07:00", "21:00", "06:59", "closed")]
    [InlineData("07:00", "21:00", "21:00", "closed")]
    [InlineData("07:00", "21:00", "07:00", "open")]
    [InlineData("07:00", "21:00", "08:29", "open")]
    [InlineData("07:00", "21:00", "08:30", "open-silent")]
    [InlineData("22:00", "06:00", "01:00", "open-silent")]
    [InlineData("22:00", "06:00", "23:00", "open")]
    public void With_nothing_logged_a_station_is_open_for_its_first_ninety_minutes_then_open_but_silent(string opens, string closes, string at, string expected)
    {
        Assert.Equal(expected, StationStatusRule.Wire(StationStatusRule.Of(Station(opens, closes), At(at), Zone, lastEventAt: null)));
    }

    [Fact]
    public void A_recent_event_keeps_an_open_station_open_and_an_old_one_does_not()
    {
        var station = Station("07:00", "21:00");
        Assert.Equal(StationStatus.Open, StationStatusRule.Of(station, At("15:00"), Zone, At("14:00")));
        Assert.Equal(StationStatus.OpenSilent, StationStatusRule.Of(station, At("15:00"), Zone, At("13:30")));
    }

    [Fact]
    public void A_closed_or_retired_station_is_closed_however_busy_it_was()
    {
        Assert.Equal(StationStatus.Closed, StationStatusRule.Of(Station("07:00", "21:00"), At("21:30"), Zone, At("21:29")));
        Assert.Equal(StationStatus.Closed, StationStatusRule.Of(Station("00:00", "24:00", retired: true), At("12:00"), Zone, At("11:59")));
    }

    [Fact]
    public void The_local_time_is_the_networks_not_the_servers()
    {
        var station = Station("07:00", "21:00");
        var utcMorning = new DateTimeOffset(2026, 5, 1, 0, 30, 0, TimeSpan.Zero); // 08:30 in Shanghai, before opening in London
        Assert.Equal(StationStatus.Open, StationStatusRule.Of(station, utcMorning, Zone, utcMorning.AddMinutes(-5)));
        Assert.Equal(StationStatus.Closed, StationStatusRule.Of(station, utcMorning, LocalDay.Zone("Europe/London"), utcMorning.AddMinutes(-5)));
    }

    [Fact]
    public void Open_and_open_but_silent_both_count_as_open_now()
    {
        Assert.True(StationStatusRule.IsOpen(StationStatus.Open));
        Assert.True(StationStatusRule.IsOpen(StationStatus.OpenSilent));
        Assert.False(StationStatusRule.IsOpen(StationStatus.Closed));
    }
}
