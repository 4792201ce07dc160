using StationNet.Grains.Catalog;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;

namespace StationNet.Grains.Tests;

public class RolloverTests(MidnightCluster fixture) : IClassFixture<MidnightCluster>
{
    [Fact]
    public async Task The_network_and_its_stations_roll_over_at_local_midnight_without_any_event()
    {
        var zone = LocalDay.Zone(LocalDay.DefaultTimeZone);
        var network = fixture.Grains.GetGrain<INetworkGrain>(ClusterFixture.NetworkId);
        var station = fixture.Grains.GetGrain<IStationGrain>("s1");
        var e = new StationEvent(Guid.NewGuid(), "visit", 5, fixture.Clock.GetUtcNow(), null, null, null);
        var counted = await station.Record(e);
        var lastDay = counted.Today!.Day;
        Assert.Equal(5, counted.Today.Counts["visit"]);
        var before = await StationGrainTests.WaitFor(network, s => s.Totals.GetValueOrDefault("visit") == 5);
        Assert.Equal(lastDay, before.Day);

        // Move the clock to two seconds before midnight; it runs on by itself past midnight while nobody sends anything.
        fixture.Clock.MoveTo(new TimeOnly(23, 59, 58), LocalDay.DefaultTimeZone);
        var after = await StationGrainTests.WaitFor(network, s => s.Day > lastDay);

        Assert.Equal(lastDay.AddDays(1), after.Day);
        Assert.Equal(LocalDay.Of(fixture.Clock.GetUtcNow(), zone), after.Day);
        Assert.Empty(after.Totals);
        Assert.All(after.Stations, s => Assert.Empty(s.Counts));
        Assert.True(after.Version >= before.Version);
        var batched = await StationGrainTests.WaitFor(network, s => s.Version > before.Version);
        Assert.Equal(after.Day, batched.Day);
        var today = (await station.GetToday())!;
        Assert.Equal(after.Day, today.Day);
        Assert.Empty(today.Counts);
        // Yesterday's count stays in the rollup.
        var rows = await fixture.Journal.QueryAsync(ClusterFixture.NetworkId, lastDay, lastDay, "s1");
        Assert.Equal(5, rows.Single(r => r.Service == "visit").Count);
    }
}
