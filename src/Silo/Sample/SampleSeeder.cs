using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using StationNet.Grains.Catalog;
using StationNet.Grains.Journal;
using StationNet.Grains.Networks;
using StationNet.Grains.Opening;
using StationNet.Grains.Supplies;
using StationNet.Web.Auth;
using StationNet.Silo.Hosting;

namespace StationNet.Silo.Sample;

/// <summary>
/// Seeds the sample network at start-up when storage has none, and its history when it has none yet.
/// Registered after the silo, so it runs once the silo is up, and before the web server listens.
/// </summary>
internal sealed class SampleSeeder(IGrainFactory grains, IEventJournal journal, IOpeningJournal openings, ISupplyJournal supplies, StationNetSettings settings, StationClock time, IServer server,
    IHostApplicationLifetime lifetime, FirstRunFile firstRun, ILogger<SampleSeeder> logger) : IHostedService
{
    public const string WallLinkLine = "Sample wall screen link (no sign-in needed; revocable in /admin)";
    private const string WallLinkName = "示例大屏 Sample wall";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.SampleHistory)
        {
            // Before the network grain wakes, so its today, month and year are read with the history in them.
            await ImportHistory(cancellationToken);
        }
        // The province first: the sample city is configured beneath it.
        await SeedProvince();
        var network = grains.GetGrain<INetworkGrain>(SampleNetwork.Id);
        if (await network.GetInfo() is { } existing)
        {
            if (existing.ParentId is null)
            {
                await network.Configure(existing with { ParentId = SampleProvince.Id }); // seeded before there were provinces
            }
            return;
        }
        await network.Configure(SampleNetwork.Network with { ParentId = SampleProvince.Id });
        foreach (var station in SampleNetwork.Stations)
        {
            await network.SaveStation(station);
        }
        logger.LogInformation("Seeded the sample network '{NetworkId}' with {Count} stations", SampleNetwork.Id, SampleNetwork.Stations.Count);
        await SampleSupplies.SeedAsync(supplies, SampleNetwork.Stations, time.GetUtcNow(), cancellationToken);
        // Storage was empty: on the embedded default that is every start. A wall already showing the link from the last
        // start must keep working, so the link of the first-run file is made again with the same token.
        var recorded = firstRun.Last(WallLinkLine);
        var token = recorded is null ? null : ScreenLinks.TokenOf(recorded);
        if (token is not null && await ScreenLinks.Restore(grains, SampleNetwork.Id, WallLinkName, token, time.GetUtcNow()) is not null)
        {
            logger.LogInformation("Restored the sample wall's screen link from {Path}", firstRun.Path);
        }
        else
        {
            (_, token) = await ScreenLinks.Create(grains, SampleNetwork.Id, WallLinkName, time.GetUtcNow());
        }
        // Only a hash of the link's token is kept, so the link is shown now, once, when the server is listening.
        lifetime.ApplicationStarted.Register(() =>
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? StationNetSettings.DefaultUrls;
            var url = address.TrimEnd('/') + ScreenLinks.Path(SampleNetwork.Id, token);
            if (url != recorded)
            {
                firstRun.Write(WallLinkLine, url);
            }
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedProvince()
    {
        var province = grains.GetGrain<INetworkGrain>(SampleProvince.Id);
        if (await province.GetInfo() is not null)
        {
            return;
        }
        await province.Configure(SampleProvince.Network);
        foreach (var (info, stations) in SampleProvince.GeneratedCities())
        {
            var city = grains.GetGrain<INetworkGrain>(info.Id);
            await city.Configure(info);
            foreach (var station in stations)
            {
                await city.SaveStation(station);
            }
        }
        logger.LogInformation("Seeded the sample province '{NetworkId}' with the sample city and {Count} generated cities", SampleProvince.Id, SampleProvince.Cities.Count - 1);
    }

    private async Task ImportHistory(CancellationToken ct)
    {
        var zone = LocalDay.Zone(SampleNetwork.Network.TimeZone);
        var events = SampleHistory.Generate(SampleNetwork.Stations, zone, time.GetUtcNow(), settings.Simulator.PeakPerStationHour);
        try
        {
            if (await journal.ImportHistoryAsync(SampleNetwork.Id, events, ct) is { } imported)
            {
                var today = LocalDay.Of(time.GetUtcNow(), zone);
                logger.LogInformation("Imported {Days} days of sample history: {Events} events in {Seconds:0.0} s ({Rate:0} events/s)",
                    today.DayNumber - SampleHistory.FirstDay(today).DayNumber + 1, imported.Events, imported.Took.TotalSeconds, imported.Events / Math.Max(imported.Took.TotalSeconds, 0.001));
            }
            // Every sample city's opening records for the same days (after the events: they share the import mark), once.
            var first = SampleHistory.FirstDay(LocalDay.Of(time.GetUtcNow(), zone));
            var cities = SampleProvince.GeneratedCities().Select(c => (c.Network.Id, c.Stations)).Prepend((SampleNetwork.Id, SampleNetwork.Stations));
            foreach (var (networkId, stations) in cities)
            {
                if (await openings.ImportHistoryAsync(networkId, SampleOpenings.History(stations, zone, first, time.GetUtcNow()), ct) is { } records)
                {
                    logger.LogInformation("Imported {Records} opening records of sample history for '{NetworkId}'", records, networkId);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The demo runs without its past; nothing of the history was written, and the next start tries again.
            logger.LogWarning(ex, "Could not import the sample history; the sample network starts without it");
        }
    }
}

public static class SampleHosting
{
    public static WebApplicationBuilder AddStationNetSample(this WebApplicationBuilder builder)
    {
        var embedded = builder.Configuration.IsEmbedded();
        var settings = StationNetSettings.From(builder.Configuration);
        if (settings.SampleData ?? embedded)
        {
            builder.Services.AddHostedService<SampleSeeder>();
        }
        if (settings.Simulator.Enabled ?? embedded)
        {
            builder.Services.AddHostedService<TrafficSimulator>();
        }
        return builder;
    }
}
