using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StationNet.Grains.Catalog;
using StationNet.Grains.Journal;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;
using StationNet.Tests;

namespace StationNet.Bench;

/// <summary>A silo in this process (memory storage), to count what station grains cost and time a big snapshot.</summary>
public sealed class ScaleTests : IAsyncDisposable
{
    private readonly IHost _host;

    private ScaleTests(IHost host) => _host = host;

    private IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<ScaleTests> Start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(StationClock.Real);
        builder.Services.AddSingleton<InMemoryJournal>();
        builder.Services.AddSingleton<IEventJournal>(sp => sp.GetRequiredService<InMemoryJournal>());
        builder.Services.AddSingleton<IDailyRollup>(sp => sp.GetRequiredService<InMemoryJournal>());
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(Ports.Free(), Ports.Free());
            silo.AddMemoryGrainStorage("stations");
            silo.AddMemoryGrainStorage("networks");
            silo.UseInMemoryReminderService();
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ScaleTests(host);
    }

    /// <summary>Activates station grains, configured and with today's counts loaded; bytes per station, managed heap and process.</summary>
    public async Task<(double HeapPerStation, double ProcessPerStation, TimeSpan Took)> Activate(int count)
    {
        var info = (string id) => new StationInfo(id, "national", $"驿站 {id}", "街道", ["visit", "water", "meal", "charging"], OpeningHours.AllDay, 10);
        // Warm the code paths first, so the baseline holds no one-time costs.
        await Batch(Enumerable.Range(0, 1000).Select(i => $"warm-{i}"));
        var heapBefore = Heap();
        var processBefore = Environment.WorkingSet;
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < count; start += 5000)
        {
            await Batch(Enumerable.Range(start, Math.Min(5000, count - start)).Select(i => $"s{i:000000}"));
        }
        clock.Stop();
        var heapAfter = Heap();
        return ((heapAfter - heapBefore) / (double)count, (Environment.WorkingSet - processBefore) / (double)count, clock.Elapsed);

        Task Batch(IEnumerable<string> ids) => Task.WhenAll(ids.Select(async id =>
        {
            var station = Grains.GetGrain<IStationGrain>(id);
            await station.Configure(info(id), LocalDay.DefaultTimeZone);
            await station.GetToday();
        }));
    }

    /// <summary>How long a snapshot of a network of the given size takes to serve: the grain call and the JSON.</summary>
    public async Task<Summary> Snapshot(int stations, int iterations)
    {
        var network = Grains.GetGrain<INetworkGrain>("n" + stations);
        await network.Configure(new NetworkInfo("n" + stations, "基准网络", "Bench network", LocalDay.DefaultTimeZone, ServiceCatalog.All, false));
        var ids = Enumerable.Range(0, stations).Select(i => $"n{stations}-{i:0000}").ToArray();
        await Task.WhenAll(ids.Select(id => network.SaveStation(new StationInfo(id, "n" + stations, $"驿站 {id}", "街道", ["visit", "water"], OpeningHours.AllDay, 10))));
        await Task.WhenAll(ids.Select(id => Grains.GetGrain<IStationGrain>(id).Record(new StationEvent(Guid.NewGuid(), "visit", 2, DateTimeOffset.UtcNow, null, "courier", null))));
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var times = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var snapshot = await network.GetSnapshot();
            JsonSerializer.SerializeToUtf8Bytes(snapshot, options);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return Summary.Of(times.Skip(iterations / 10));
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
