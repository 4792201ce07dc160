using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using StationNet.Grains.Catalog;
using StationNet.Grains.Journal;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;

namespace StationNet.Grains.Tests;

/// <summary>
/// A tablet's answer depends on the journal only: when the silo holding the network grain dies, the stations on
/// the surviving silo go on acknowledging taps at once, each one durable, although their notices reach nobody.
/// </summary>
public class NetworkSiloLossTests(TwoSiloCluster fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<TwoSiloCluster>
{
    private const string Network = "far";

    [Fact]
    public async Task When_the_network_grains_silo_is_killed_the_stations_on_the_other_silo_still_acknowledge_every_tap_within_a_second()
    {
        var survivor = (InProcessSiloHandle)fixture.Cluster.Primary!;
        var doomed = (InProcessSiloHandle)fixture.Cluster.SecondarySilos.Single();
        var onSurvivor = survivor.SiloHost.Services.GetRequiredService<IGrainFactory>();
        var onDoomed = doomed.SiloHost.Services.GetRequiredService<IGrainFactory>();
        var stations = Enumerable.Range(1, 4).Select(i => $"far-{i}").ToArray();
        // The stations wake on the survivor, the network on the silo that will die.
        foreach (var id in stations)
        {
            await onSurvivor.GetGrain<IStationGrain>(id).GetInfo();
        }
        var network = onDoomed.GetGrain<INetworkGrain>(Network);
        await network.Configure(new NetworkInfo(Network, "远方网络", "Far network", LocalDay.DefaultTimeZone, ServiceCatalog.All, IsSample: false));
        foreach (var id in stations)
        {
            await network.SaveStation(new StationInfo(id, Network, $"远方驿站 {id}", "远方街道", ["visit", "water"], OpeningHours.AllDay, 6));
        }
        await Placed(survivor, "station", stations);
        await Placed(doomed, "network", [Network]);
        foreach (var id in stations)
        {
            Assert.Equal(RecordStatus.Counted, (await onSurvivor.GetGrain<IStationGrain>(id).Record(Tap())).Status);
        }

        await fixture.Cluster.KillSiloAsync(doomed);

        var took = new List<TimeSpan>();
        var taps = new List<(string Station, StationEvent Event)>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var id in stations)
            {
                var tap = Tap();
                var clock = Stopwatch.StartNew();
                var outcome = await onSurvivor.GetGrain<IStationGrain>(id).Record(tap).WaitAsync(TimeSpan.FromSeconds(30));
                took.Add(clock.Elapsed);
                Assert.Equal(RecordStatus.Counted, outcome.Status);
                taps.Add((id, tap));
            }
        }

        // Durable: every acknowledged tap is in the journal once.
        var journal = survivor.SiloHost.Services.GetRequiredService<InMemoryJournal>();
        foreach (var (station, tap) in taps)
        {
            Assert.Equal(station, (await journal.FindAsync(tap.Id))?.Event.StationId);
        }
        // Each answer waited at most for the notice's short timeout, never for the dead silo; the median is the
        // user's experience, the bound on the slowest leaves room for a shared CI machine.
        var sorted = took.Order().ToList();
        output.WriteLine($"answers after the kill: {string.Join(", ", took.Select(t => $"{t.TotalMilliseconds:F0}"))} ms");
        Assert.True(sorted[sorted.Count / 2] < TimeSpan.FromSeconds(1), $"median answer {sorted[sorted.Count / 2].TotalMilliseconds:F0} ms after the network's silo died");
        Assert.True(sorted[^1] < TimeSpan.FromSeconds(3), $"slowest answer {sorted[^1].TotalMilliseconds:F0} ms after the network's silo died");
    }

    private StationEvent Tap() => new(Guid.NewGuid(), "water", 1, fixture.Clock.GetUtcNow(), "王师傅", null, null);

    /// <summary>Fails unless each grain of the kind is active on the silo: the test is only meaningful with them there.</summary>
    private async Task Placed(InProcessSiloHandle silo, string kind, string[] keys)
    {
        var activations = await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(hostsIds: [silo.SiloAddress]);
        var here = activations.Where(a => a.GrainId.Type.ToString()!.Contains(kind, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.GrainId.Key.ToString()).ToHashSet();
        var all = await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        Assert.All(keys, k => Assert.True(here.Contains(k), $"{kind} grain {k} is not on silo {silo.SiloAddress}: " + string.Join("; ", all.Select(a => $"{a.GrainId}@{a.SiloAddress}"))));
    }
}
