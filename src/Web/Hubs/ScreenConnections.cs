using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using StationNet.Grains.Telemetry;

namespace StationNet.Web.Hubs;

/// <summary>The hub connections of this silo that a screen link opened, so revoking the link can close them.</summary>
public sealed class ScreenConnections
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _byConnection = new();

    public ScreenConnections(StationNetMetrics metrics) =>
        metrics.Meter.CreateObservableGauge("stationnet.screens.connected", () => _byConnection.Count, "{connection}", "Wall screens connected to this silo's hub");

    public void Add(HubCallerContext context) => _byConnection[context.ConnectionId] = context;

    public void Remove(string connectionId) => _byConnection.TryRemove(connectionId, out _);

    public void Disconnect(string linkId)
    {
        foreach (var context in _byConnection.Values.Where(c => c.User?.FindFirst(Auth.Access.ScreenClaim)?.Value == linkId))
        {
            context.Abort();
        }
    }
}
