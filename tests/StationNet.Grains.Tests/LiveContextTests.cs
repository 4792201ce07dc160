using StationNet.Grains.Live;

namespace StationNet.Grains.Tests;

/// <summary>Late events of earlier days keep the wall's comparisons right: last year's periods end the day before this date.</summary>
public class LiveContextTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Fact]
    public void A_late_event_of_this_date_last_year_counts_by_hour_not_in_the_period_before_it()
    {
        var context = new LiveContext();
        Assert.True(context.CountEarlier(Today, new DateOnly(2025, 12, 1), "visit", 9, 3));
        Assert.Equal(3, context.LastYearHourly["visit"][9]);
        Assert.Empty(context.MonthLastYear);
        Assert.Empty(context.YearLastYear);

        Assert.True(context.CountEarlier(Today, new DateOnly(2025, 11, 30), "visit", 9, 2));
        Assert.Equal(2, context.YearLastYear["visit"]);
        Assert.Empty(context.MonthLastYear); // November last year is not this month last year

        Assert.False(context.CountEarlier(Today, new DateOnly(2025, 12, 2), "visit", 9, 5)); // after this date last year: compared with nothing
        Assert.Equal(2, context.YearLastYear["visit"]);
    }
}
