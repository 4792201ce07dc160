using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using StationNet.Grains.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StationNet.Grains.Live;
using StationNet.Web.Auth;

namespace StationNet.Web.Hubs;

/// <summary>
/// This silo's live relay (the GPSTracker pattern): registered as a grain observer in the relay
/// directory, it receives every network's change batches and pushes them to this silo's screens.
/// It re-registers periodically, so a moved directory grain learns of it again.
/// </summary>
public sealed class LiveRelay(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IHubContext<LiveHub> hub,
    ScreenConnections screens,
    TabletSessions tablets,
    StationNetMetrics metrics,
    StationClock time,
    ILogger<LiveRelay> logger) : BackgroundService, ILiveObserver
{
    private readonly ConcurrentDictionary<string, long> _lastVersion = new(StringComparer.Ordinal);

    private static readonly TimeSpan RegisterEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RegisterTimeout = TimeSpan.FromSeconds(3);

    public async Task OnChanges(LiveChanges changes)
    {
        await hub.Clients.Group(LiveHub.GroupOf(changes.NetworkId)).SendAsync(LiveHub.ChangesMethod, changes);
        // A batch sent again while the network is quiet is not news: only a new version counts as a push.
        var last = _lastVersion.GetValueOrDefault(changes.NetworkId);
        _lastVersion[changes.NetworkId] = Math.Max(last, changes.Version);
        if (changes.Version > last && changes.ChangedAt is { } changedAt)
        {
            metrics.Pushed(time.GetUtcNow() - changedAt);
        }
    }

    public Task OnNetworkChanged(string networkId) =>
        hub.Clients.Group(LiveHub.GroupOf(networkId)).SendAsync(LiveHub.NetworkMethod, new { networkId });

    public Task OnScreenRevoked(string linkId)
    {
        screens.Disconnect(linkId);
        return Task.CompletedTask;
    }

    public Task OnTabletRevoked(string deviceId)
    {
        tablets.Revoked(deviceId);
        return Task.CompletedTask;
    }

    public Task OnAccountDisabled(string username)
    {
        screens.DisconnectAccount(username);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var self = grains.CreateObjectReference<ILiveObserver>(this);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = RegisterEvery;
            try
            {
                // A call to a silo that died without a goodbye waits out the response timeout (30 s); screens
                // should not wait that long after the cluster has moved the directory, so give up sooner and retry.
                await grains.GetGrain<ILiveRelayDirectoryGrain>(0).Register(silo.SiloAddress, self).WaitAsync(RegisterTimeout, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not register this silo's live relay; retrying");
                wait = TimeSpan.FromSeconds(1);
            }
            try
            {
                await Task.Delay(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
