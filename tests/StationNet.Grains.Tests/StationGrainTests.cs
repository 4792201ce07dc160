using StationNet.Grains.Catalog;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;

namespace StationNet.Grains.Tests;

public class StationGrainTests(NoonCluster fixture) : IClassFixture<NoonCluster>
{
    private StationEvent NewEvent(string service = "visit", int quantity = 1, DateTimeOffset? at = null) =>
        new(Guid.NewGuid(), service, quantity, at ?? fixture.Clock.GetUtcNow(), "王师傅", "courier", null);

    private IStationGrain Station(string id) => fixture.Grains.GetGrain<IStationGrain>(id);

    [Fact]
    public async Task Fifty_concurrent_sends_of_the_same_event_count_once()
    {
        var e = NewEvent("water", quantity: 3);
        var before = (await Station("s1").GetToday())!.Counts.GetValueOrDefault("water");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Station("s1").Record(e)));

        Assert.Single(outcomes, o => o.Status == RecordStatus.Counted);
        Assert.Equal(49, outcomes.Count(o => o.Status == RecordStatus.Duplicate));
        var after = (await Station("s1").GetToday())!.Counts["water"];
        Assert.Equal(before + 3, after);
        Assert.All(outcomes, o => Assert.Equal(after, o.Today!.Counts["water"]));
        Assert.NotNull(await fixture.Journal.FindAsync(e.Id));
    }

    [Fact]
    public async Task A_refused_event_is_not_counted_and_says_why()
    {
        var outcome = await Station("s2").Record(NewEvent("giveaway"));

        Assert.Equal(RecordStatus.Rejected, outcome.Status);
        Assert.Equal("service", Assert.Single(outcome.Errors).Field);
        Assert.DoesNotContain("giveaway", (await Station("s2").GetToday())!.Counts.Keys);
    }

    [Fact]
    public async Task A_void_takes_the_event_off_today_once_and_is_kept_in_the_journal()
    {
        var e = NewEvent("haircut", quantity: 2);
        var counted = await Station("s2").Record(e);
        var before = counted.Today!.Counts["haircut"];

        var first = await Station("s2").Void(e.Id, null);
        var second = await Station("s2").Void(e.Id, null);

        Assert.Equal(VoidStatus.Voided, first.Status);
        Assert.Equal(before - 2, first.Today!.Counts.GetValueOrDefault("haircut"));
        Assert.Equal(VoidStatus.AlreadyVoided, second.Status);
        Assert.Equal(before - 2, second.Today!.Counts.GetValueOrDefault("haircut"));
        Assert.NotNull((await fixture.Journal.FindAsync(e.Id))!.VoidedAt);
        var resent = await Station("s2").Record(e);
        Assert.Equal(RecordStatus.Duplicate, resent.Status);
        Assert.Equal(before - 2, resent.Today!.Counts.GetValueOrDefault("haircut"));
    }

    [Fact]
    public async Task An_event_of_another_station_or_unknown_id_cannot_be_voided_here()
    {
        var e = NewEvent();
        await Station("s1").Record(e);

        Assert.Equal(VoidStatus.UnknownEvent, (await Station("s2").Void(e.Id, null)).Status);
        Assert.Equal(VoidStatus.UnknownEvent, (await Station("s2").Void(Guid.NewGuid(), null)).Status);
        Assert.Null((await fixture.Journal.FindAsync(e.Id))!.VoidedAt);
    }

    [Fact]
    public async Task An_event_of_yesterday_goes_to_yesterdays_bucket_and_cannot_be_voided_today()
    {
        var now = fixture.Clock.GetUtcNow();
        var zone = LocalDay.Zone(LocalDay.DefaultTimeZone);
        var yesterday = LocalDay.Of(now, zone).AddDays(-1);
        var e = NewEvent("shower", at: now.AddHours(-24));
        var todayBefore = (await Station("s3").GetToday())!.Counts.GetValueOrDefault("shower");

        var outcome = await Station("s3").Record(e);

        Assert.Equal(RecordStatus.Counted, outcome.Status);
        Assert.Equal(todayBefore, outcome.Today!.Counts.GetValueOrDefault("shower"));
        var rows = await fixture.Journal.QueryAsync(ClusterFixture.NetworkId, yesterday, yesterday, "s3");
        Assert.Equal(1, rows.Single(r => r.Service == "shower").Count);
        Assert.Equal(VoidStatus.NotToday, (await Station("s3").Void(e.Id, null)).Status);
    }

    [Fact]
    public async Task The_network_snapshot_follows_station_counts_with_a_higher_version()
    {
        var network = fixture.Grains.GetGrain<INetworkGrain>(ClusterFixture.NetworkId);
        var before = (await network.GetSnapshot())!;

        var outcome = await Station("s3").Record(NewEvent("visit", quantity: 4));
        // The notice is one-way: the answer comes before the network has it, so wait for the station's number itself.
        var after = await WaitFor(network, s => s.Version > before.Version
            && s.Stations.Single(x => x.StationId == "s3").Counts.GetValueOrDefault("visit") == outcome.Today!.Counts["visit"]);

        Assert.Equal(outcome.Today!.Counts["visit"], after.Stations.Single(s => s.StationId == "s3").Counts["visit"]);
        Assert.Equal(before.Totals.GetValueOrDefault("visit") + 4, after.Totals["visit"]);
    }

    [Fact]
    public async Task A_notice_the_network_missed_is_sent_again_with_what_it_changed()
    {
        var network = fixture.Grains.GetGrain<INetworkGrain>(ClusterFixture.NetworkId);
        var before = (await network.GetSnapshot())!;
        FailNextNotice.Arm("s3");

        await Station("s3").Record(NewEvent("visit", quantity: 6) with { WorkerGroup = "sanitation" });

        // The first notice failed; the station tries again a second later with the change it carried.
        var after = await WaitFor(network, s => s.Groups.GetValueOrDefault("sanitation") == before.Groups.GetValueOrDefault("sanitation") + 6);
        Assert.Equal(before.Hourly.GetValueOrDefault("visit")?.Sum() + 6 ?? 6, after.Hourly["visit"].Sum());
        Assert.Contains(after.Recent, r => r.StationId == "s3" && r.Quantity == 6);
    }

    [Fact]
    public async Task After_a_lost_notice_the_next_one_shows_the_gap_and_the_network_gets_each_change_once()
    {
        var network = fixture.Grains.GetGrain<INetworkGrain>(ClusterFixture.NetworkId);
        var before = (await network.GetSnapshot())!;
        var visits = before.Hourly.GetValueOrDefault("visit")?.Sum() ?? 0;
        FailNextNotice.Arm("s1");

        await Station("s1").Record(NewEvent("visit", quantity: 17)); // its notice is lost on arrival
        await Station("s1").Record(NewEvent("visit", quantity: 19)); // its notice follows a number the network never heard

        // The network asks for everything since the last notice it heard, and takes each change once.
        var after = await WaitFor(network, s => s.Hourly.GetValueOrDefault("visit")?.Sum() == visits + 36);
        Assert.Equal(before.Groups.GetValueOrDefault("courier") + 36, after.Groups["courier"]);
        Assert.Single(after.Recent, r => r.StationId == "s1" && r.Quantity == 17);
        Assert.Single(after.Recent, r => r.StationId == "s1" && r.Quantity == 19);
        // The station's confirm a second later, and any late copy, change nothing.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var later = (await network.GetSnapshot())!;
        Assert.Equal(visits + 36, later.Hourly["visit"].Sum());
        Assert.Equal(after.Stations.Single(x => x.StationId == "s1").Counts["visit"], later.Stations.Single(x => x.StationId == "s1").Counts["visit"]);
    }

    [Fact]
    public async Task A_network_that_does_not_answer_does_not_hold_the_tablets_answer()
    {
        var network = fixture.Grains.GetGrain<INetworkGrain>(ClusterFixture.NetworkId);
        var before = (await network.GetSnapshot())!.Stations.Single(s => s.StationId == "s2").Counts.GetValueOrDefault("water");
        using (HoldNotices.For("s2"))
        {
            // A held notice would last the 30 s response timeout; the answer must not wait for it.
            var first = await Station("s2").Record(NewEvent("water", quantity: 3)).WaitAsync(TimeSpan.FromSeconds(10));
            var second = await Station("s2").Record(NewEvent("water", quantity: 1)).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(RecordStatus.Counted, first.Status);
            Assert.Equal(before + 4, second.Today!.Counts["water"]);
            Assert.Equal(before + 4, (await fixture.Journal.LoadStationDayAsync("s2", second.Today.Day)).Hourly["water"].Sum());
        }

        // Once the network answers again, the retry brings it the station's numbers.
        await WaitFor(network, s => s.Stations.Single(x => x.StationId == "s2").Counts.GetValueOrDefault("water") == before + 4);
    }

    [Fact]
    public async Task An_unconfigured_station_refuses_events()
    {
        var outcome = await Station("nowhere").Record(NewEvent());
        Assert.Equal(RecordStatus.UnknownStation, outcome.Status);
        Assert.Null(await Station("nowhere").GetToday());
    }

    internal static async Task<Live.LiveSnapshot> WaitFor(INetworkGrain network, Func<Live.LiveSnapshot, bool> done)
    {
        // Batches go out every 100 ms; a few seconds is a generous bound that never decides the outcome.
        for (var i = 0; i < 100; i++)
        {
            var s = (await network.GetSnapshot())!;
            if (done(s))
            {
                return s;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The network snapshot never reached the expected state");
    }
}
