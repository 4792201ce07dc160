using StationNet.Grains.Live;

namespace StationNet.Grains.Tests;

public class LivePictureTests
{
    private static readonly DateOnly Day = new(2026, 5, 1);

    private static StationLive Live(string id, int visits) => new(id, new Dictionary<string, int> { ["visit"] = visits }, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Many_changes_between_batches_coalesce_into_one_batch_with_the_next_version()
    {
        var picture = new LivePicture("n", Day, version: 10);
        picture.Apply(Day, Live("a", 1));
        picture.Apply(Day, Live("a", 2));
        picture.Apply(Day, Live("b", 5));

        var batch = picture.TakeBatch()!;

        Assert.Equal(11, batch.Version);
        Assert.Equal(["a", "b"], batch.Stations.Select(s => s.StationId));
        Assert.Equal(2, batch.Stations[0].Counts["visit"]);
        Assert.Equal(7, batch.Totals["visit"]);
        Assert.Null(picture.TakeBatch());
    }

    [Fact]
    public void A_snapshot_carries_the_current_version_and_every_station()
    {
        var picture = new LivePicture("n", Day, version: 3);
        picture.Apply(Day, Live("a", 4));
        picture.TakeBatch();

        var snapshot = picture.Snapshot([("a", "A"), ("b", "B")]);

        Assert.Equal(4, snapshot.Version);
        Assert.Equal(4, snapshot.Totals["visit"]);
        Assert.Empty(snapshot.Stations.Single(s => s.StationId == "b").Counts);
    }

    [Fact]
    public void Changes_for_another_day_are_ignored()
    {
        var picture = new LivePicture("n", Day, version: 0);
        Assert.False(picture.Apply(Day.AddDays(-1), Live("a", 9)));
        Assert.Null(picture.TakeBatch());
    }

    [Fact]
    public void Rollover_zeroes_every_station_and_sends_them_all()
    {
        var picture = new LivePicture("n", Day, version: 0);
        picture.Apply(Day, Live("a", 4));
        picture.TakeBatch();

        picture.Rollover(Day.AddDays(1), ["a", "b"]);
        var batch = picture.TakeBatch()!;

        Assert.Equal(Day.AddDays(1), batch.Day);
        Assert.Equal(["a", "b"], batch.Stations.Select(s => s.StationId));
        Assert.All(batch.Stations, s => Assert.Empty(s.Counts));
        Assert.Empty(batch.Totals);
    }

    [Fact]
    public void Deltas_feed_the_hourly_chart_the_worker_shares_and_a_bounded_ticker()
    {
        var picture = new LivePicture("n", Day, version: 0);
        for (var i = 0; i < 25; i++)
        {
            picture.Apply(Day, Live("a", i + 1), [new LiveDelta("a", "visit", 9, 1, "courier", DateTimeOffset.UnixEpoch.AddMinutes(i))]);
        }
        picture.Apply(Day, Live("a", 24), [new LiveDelta("a", "visit", 9, -1, "courier", DateTimeOffset.UnixEpoch)]);

        var batch = picture.TakeBatch()!;
        var snapshot = picture.Snapshot([("a", "A")]);

        Assert.Equal(24, batch.Hourly["visit"][9]);
        Assert.Equal(24, batch.Groups["courier"]);
        Assert.Equal(LivePicture.TickerLength, batch.Recent.Count); // the latest lines, as many as a wall shows
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMinutes(24), batch.Recent[^1].OccurredAt);
        Assert.Equal(LivePicture.TickerLength, snapshot.Recent.Count);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMinutes(24), snapshot.Recent[^1].OccurredAt);
        Assert.Empty(picture.TakeBatch()?.Recent ?? []);

        picture.Rollover(Day.AddDays(1), ["a"]);
        var next = picture.TakeBatch()!;
        Assert.Empty(next.Hourly);
        Assert.Empty(next.Groups);
        Assert.Empty(picture.Snapshot([("a", "A")]).Recent);
    }

    [Fact]
    public void A_late_event_of_an_earlier_day_moves_month_year_and_past_days_in_the_next_batch()
    {
        var today = new DateOnly(2026, 5, 20);
        var picture = new LivePicture("n", today, version: 0)
        {
            Context = new LiveContext { MonthBefore = new() { ["visit"] = 10 }, YearBefore = new() { ["visit"] = 80 }, Days = new() { [today.AddDays(-1)] = 10 } },
        };
        picture.TakeBatch();

        Assert.True(picture.ApplyEarlier(today.AddDays(-1), new LiveDelta("a", "visit", 8, 3, null, DateTimeOffset.UnixEpoch)));
        var batch = picture.TakeBatch()!;

        Assert.Equal(13, batch.MonthBefore!["visit"]);
        Assert.Equal(83, batch.YearBefore!["visit"]);
        Assert.Equal(13, batch.Days!.Single(d => d.Day == today.AddDays(-1)).Count);
        Assert.Equal(3, batch.YesterdayHourly!["visit"][8]);
        Assert.Equal(83, picture.Snapshot([]).YearBefore["visit"]);
        Assert.Null(picture.TakeBatch());
    }

    [Fact]
    public void A_batch_of_todays_taps_leaves_out_what_today_is_set_against_until_that_moves()
    {
        var today = new DateOnly(2026, 5, 20);
        var picture = new LivePicture("n", today, version: 0)
        {
            Context = new LiveContext { MonthBefore = new() { ["visit"] = 10 }, Days = new() { [today.AddDays(-1)] = 10 } },
        };
        var first = picture.TakeBatch()!;
        Assert.Equal(10, first.MonthBefore!["visit"]); // a new context goes out whole

        Assert.True(picture.Apply(today, new StationLive("a", new Dictionary<string, int> { ["visit"] = 2 }, DateTimeOffset.UnixEpoch),
            [new LiveDelta("a", "visit", 8, 2, null, DateTimeOffset.UnixEpoch)]));
        var taps = picture.TakeBatch()!;
        Assert.Equal(2, taps.Totals["visit"]);
        Assert.Null(taps.MonthBefore);
        Assert.Null(taps.YearBefore);
        Assert.Null(taps.Days);
        Assert.Null(taps.YesterdayHourly);
        Assert.Null(taps.LastWeekHourly);

        Assert.True(picture.ApplyEarlier(today.AddDays(-1), new LiveDelta("a", "visit", 8, 1, null, DateTimeOffset.UnixEpoch)));
        var late = picture.TakeBatch()!;
        Assert.Equal(11, late.MonthBefore!["visit"]);
        Assert.Equal(11, late.Days!.Single(d => d.Day == today.AddDays(-1)).Count);
    }

    [Theory]
    [InlineData("2026-04-30", 0, 1)] // last month: the year moves, the month does not
    [InlineData("2025-12-31", 0, 0)] // last year: neither
    [InlineData("2026-05-20", 0, 0)] // today is not earlier
    public void A_late_event_moves_only_the_periods_its_day_belongs_to(string day, int month, int year)
    {
        var today = new DateOnly(2026, 5, 20);
        var context = new LiveContext();
        context.CountEarlier(today, DateOnly.Parse(day), "visit", 10, 1);
        Assert.Equal(month, context.MonthBefore.GetValueOrDefault("visit"));
        Assert.Equal(year, context.YearBefore.GetValueOrDefault("visit"));
    }

    [Fact]
    public void A_status_word_that_changes_sends_its_station_and_counts_toward_open_now()
    {
        var picture = new LivePicture("n", Day, version: 0);
        picture.SetStatus("a", "open");
        picture.SetStatus("b", "closed");
        picture.SetStatus("c", "open-silent");
        picture.TakeBatch();

        picture.SetStatus("a", "open");
        Assert.Null(picture.TakeBatch());
        picture.SetStatus("b", "open");
        var batch = picture.TakeBatch()!;

        Assert.Equal("open", batch.Stations.Single().Status);
        Assert.Equal(3, batch.OpenNow);
        Assert.Equal("open-silent", picture.Snapshot([("c", "C")]).Stations.Single().Status);
    }
}
