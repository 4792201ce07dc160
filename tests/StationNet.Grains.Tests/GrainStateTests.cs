using StationNet.Grains.Catalog;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;

namespace StationNet.Grains.Tests;

/// <summary>What grains keep in storage comes back whole after they sleep: the state is written and read by Orleans' serializer.</summary>
public class GrainStateTests(NoonCluster fixture) : IClassFixture<NoonCluster>
{
    [Fact]
    public async Task A_network_woken_from_storage_has_its_whole_catalog_and_its_stations()
    {
        var network = fixture.Grains.GetGrain<INetworkGrain>("asleep");
        await network.Configure(new NetworkInfo("asleep", "沉睡网络", "Sleeping network", LocalDay.DefaultTimeZone, ServiceCatalog.All, IsSample: false));
        await network.SaveStation(new StationInfo("asleep-1", "asleep", "沉睡驿站", "街道", ["visit", "haircut"], OpeningHours.AllDay, 3));

        // Every idle activation goes: the next call wakes the grains from what storage kept.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var info = await network.GetInfo();
        Assert.NotNull(info);
        Assert.Equal(ServiceCatalog.All.Select(s => (s.Id, s.Name, s.NameEn)), info.Services.Select(s => (s.Id, s.Name, s.NameEn)));
        var station = Assert.Single(await network.GetStations());
        Assert.Equal(["visit", "haircut"], station.Services);
        Assert.Equal(["visit", "haircut"], (await fixture.Grains.GetGrain<IStationGrain>("asleep-1").GetInfo())!.Services);
    }
}
