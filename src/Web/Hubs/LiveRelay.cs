using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StationNet.Grains.Live;

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
    ILogger<LiveRelay> logger) : BackgroundService, ILiveObserver
{
    private static readonly TimeSpan RegisterEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RegisterTimeout = TimeSpan.FromSeconds(3);

    public Task OnChanges(LiveChanges changes) =>
        hub.Clients.Group(LiveHub.GroupOf(changes.NetworkId)).SendAsync(LiveHub.ChangesMethod, changes);

    public Task OnNetworkChanged(string networkId) =>
        hub.Clients.Group(LiveHub.GroupOf(networkId)).SendAsync(LiveHub.NetworkMethod, new { networkId });

    public Task OnScreenRevoked(string linkId)
    {
        screens.Disconnect(linkId);
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
