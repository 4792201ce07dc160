using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using StationNet.Grains.Catalog;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;
using StationNet.Silo.Hosting;
using StationNet.Web.Apis;
using StationNet.Web.Auth;

namespace StationNet.Silo.Sample;

/// <summary>
/// Demo traffic for the sample network, posted over HTTP to this server's own tablet API, so the demo
/// takes exactly the path a real tap takes.
/// </summary>
internal sealed class TrafficSimulator(
    IServer server,
    IHostApplicationLifetime lifetime,
    IGrainFactory grains,
    StationNetSettings settings,
    StationClock time,
    ILogger<TrafficSimulator> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await Started(stoppingToken))
        {
            return;
        }
        using var http = new HttpClient { BaseAddress = OwnAddress(), Timeout = TimeSpan.FromSeconds(10) };
        var random = new Random();
        logger.LogInformation("Demo traffic simulator posting to {Address}; set StationNet__Simulator__Enabled=false to turn it off", http.BaseAddress);
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        var openings = SampleProvince.Cities.ToDictionary(id => id, _ => new SimulatedOpening(), StringComparer.Ordinal);
        async Task<string> Token(StationInfo station) =>
            tokens.TryGetValue(station.Id, out var t) ? t : tokens[station.Id] = await Pair(http, station, stoppingToken);
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // Every city of the sample province gets traffic, so its wall moves too.
            foreach (var networkId in SampleProvince.Cities)
            {
                try
                {
                    await Simulate(networkId, http, random, openings[networkId], Token, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Simulated traffic failed this tick");
                }
            }
        }
    }

    /// <summary>One tick of one network: its tablets open, close and beat, and its stations are tapped at the pattern's rate.</summary>
    private async Task Simulate(string networkId, HttpClient http, Random random, SimulatedOpening opening, Func<StationInfo, Task<string>> token, CancellationToken ct)
    {
        var network = grains.GetGrain<INetworkGrain>(networkId);
        var info = await network.GetInfo();
        if (info is null)
        {
            return;
        }
        var local = LocalDay.Local(time.GetUtcNow(), LocalDay.Zone(info.TimeZone));
        var stations = await network.GetStations();
        await opening.Step(http, stations, local, time.GetUtcNow(), token, logger, ct);
        foreach (var station in stations.Where(s => opening.IsOpen(s.Id)))
        {
            // Only a station its tablet has open is tapped: never the one kept closed (SampleOpenings.NeverOpens). A Bernoulli draw per tick approximates a Poisson process at this rate.
            if (random.NextDouble() >= TrafficPattern.ExpectedTaps(station, local, settings.Simulator.PeakPerStationHour, Tick))
            {
                continue;
            }
            var (service, quantity, group) = TrafficPattern.Next(station, DateOnly.FromDateTime(local), random);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/stations/{station.Id}/events")
            {
                Content = JsonContent.Create(new { id = Guid.NewGuid(), service, quantity, workerGroup = group, attendant = "示例值班员" }),
            };
            request.Headers.Authorization = new("Bearer", await token(station));
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Simulated tap at {StationId} got {Status}", station.Id, (int)response.StatusCode);
            }
        }
    }

    /// <summary>
    /// Each simulated station pairs a tablet as a real one does (a code issued on the admin side, then claimed by the
    /// pairing endpoint's own code), in process: over HTTP its dozens of pairings at start-up took the per-address
    /// sign-in allowance, and a person signing in on the same machine in the first minute was told to wait.
    /// </summary>
    private async Task<string> Pair(HttpClient http, StationInfo station, CancellationToken ct)
    {
        var code = await PairingCodes.Issue(grains, station.NetworkId, station.Id, time.GetUtcNow());
        var paired = await AuthApi.Pair(new PairBody(code.Code, "示例模拟平板 Simulator"), grains, time);
        return paired.Result is Microsoft.AspNetCore.Http.HttpResults.Created<Paired> { Value: { } created }
            ? created.Token
            : throw new InvalidOperationException($"the simulated tablet of {station.Id} could not pair");
    }

    private async Task<bool> Started(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var a = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var b = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private Uri OwnAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? StationNetSettings.DefaultUrls;
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "127.0.0.1";
        }
        return uri.Uri;
    }
}
