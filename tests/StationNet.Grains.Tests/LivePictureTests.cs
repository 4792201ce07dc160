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
        Assert.Equal(25, batch.Recent.Count);
        Assert.Equal(LivePicture.TickerLength, snapshot.Recent.Count);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMinutes(24), snapshot.Recent[^1].OccurredAt);
        Assert.Empty(picture.TakeBatch()?.Recent ?? []);

        picture.Rollover(Day.AddDays(1), ["a"]);
        var next = picture.TakeBatch()!;
        Assert.Empty(next.Hourly);
        Assert.Empty(next.Groups);
        Assert.Empty(picture.Snapshot([("a", "A")]).Recent);
    }
}
