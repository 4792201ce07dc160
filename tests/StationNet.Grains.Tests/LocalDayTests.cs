using StationNet.Grains.Catalog;

namespace StationNet.Grains.Tests;

public class LocalDayTests
{
    private static readonly TimeZoneInfo Shanghai = LocalDay.Zone("Asia/Shanghai");

    [Fact]
    public void Last_second_before_local_midnight_belongs_to_that_day()
    {
        var instant = DateTimeOffset.Parse("2026-03-01T15:59:59Z");
        Assert.Equal(new DateOnly(2026, 3, 1), LocalDay.Of(instant, Shanghai));
        Assert.Equal(23, LocalDay.HourOf(instant, Shanghai));
    }

    [Fact]
    public void Local_midnight_starts_the_next_day_even_though_utc_is_still_the_day_before()
    {
        var instant = DateTimeOffset.Parse("2026-03-01T16:00:00Z");
        Assert.Equal(new DateOnly(2026, 3, 2), LocalDay.Of(instant, Shanghai));
        Assert.Equal(0, LocalDay.HourOf(instant, Shanghai));
    }

    [Theory]
    [InlineData("Asia/Shanghai", "2026-07-01T10:00:00Z", "2026-07-01")]
    [InlineData("Asia/Urumqi", "2026-07-01T19:30:00Z", "2026-07-02")]
    [InlineData("America/New_York", "2026-07-01T03:30:00Z", "2026-06-30")]
    [InlineData("Pacific/Auckland", "2026-07-01T12:30:00Z", "2026-07-02")]
    [InlineData("UTC", "2026-07-01T23:59:59Z", "2026-07-01")]
    public void The_same_instant_falls_on_the_local_day_of_each_zone(string zone, string instant, string expectedDay)
    {
        Assert.Equal(DateOnly.Parse(expectedDay), LocalDay.Of(DateTimeOffset.Parse(instant), LocalDay.Zone(zone)));
    }

    [Fact]
    public void Day_end_is_the_next_local_midnight()
    {
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T16:00:00Z"), LocalDay.End(new DateOnly(2026, 3, 1), Shanghai));
    }

    [Fact]
    public void A_day_with_a_daylight_saving_change_ends_at_the_right_instant()
    {
        var newYork = LocalDay.Zone("America/New_York");
        // 8 March 2026 has 23 hours in New York; its end is midnight EDT, 04:00 UTC.
        Assert.Equal(DateTimeOffset.Parse("2026-03-09T04:00:00Z"), LocalDay.End(new DateOnly(2026, 3, 8), newYork));
        Assert.Equal(new DateOnly(2026, 3, 8), LocalDay.Of(DateTimeOffset.Parse("2026-03-09T03:59:59Z"), newYork));
    }

    [Fact]
    public void Missing_time_zone_means_the_default_shanghai()
    {
        Assert.Equal(Shanghai.Id, LocalDay.Zone(null).Id);
        Assert.True(LocalDay.IsKnownZone("Asia/Shanghai"));
        Assert.False(LocalDay.IsKnownZone("Mars/Olympus"));
    }
}
