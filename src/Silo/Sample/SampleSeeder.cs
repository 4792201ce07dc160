using StationNet.Grains.Networks;
using StationNet.Silo.Hosting;

namespace StationNet.Silo.Sample;

/// <summary>Seeds the sample network at start-up when storage has none. Registered after the silo, so it runs once the silo is up.</summary>
internal sealed class SampleSeeder(IGrainFactory grains, ILogger<SampleSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var network = grains.GetGrain<INetworkGrain>(SampleNetwork.Id);
        if (await network.GetInfo() is not null)
        {
            return;
        }
        await network.Configure(SampleNetwork.Network);
        foreach (var station in SampleNetwork.Stations)
        {
            await network.SaveStation(station);
        }
        logger.LogInformation("Seeded the sample network '{NetworkId}' with {Count} stations", SampleNetwork.Id, SampleNetwork.Stations.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class SampleHosting
{
    public static WebApplicationBuilder AddStationNetSample(this WebApplicationBuilder builder)
    {
        var embedded = builder.Configuration.IsEmbedded();
        var settings = builder.Configuration.GetSection(StationNetSettings.Section).Get<StationNetSettings>() ?? new();
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
