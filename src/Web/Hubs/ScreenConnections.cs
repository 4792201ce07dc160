using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using StationNet.Grains.Telemetry;

namespace StationNet.Web.Hubs;

/// <summary>
/// The hub connections of this silo, by who opened them: revoking a screen link or disabling an account
/// closes theirs at once, instead of letting them receive changes until they reconnect.
/// </summary>
public sealed class ScreenConnections
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _byConnection = new();

    public ScreenConnections(StationNetMetrics metrics) =>
        metrics.Meter.CreateObservableGauge("stationnet.screens.connected", () => _byConnection.Values.Count(IsScreen), "{connection}", "Wall screens connected to this silo's hub");

    /// <summary>Closes the connections a signed-in account opened (not screens or tablets that happen to share its name).</summary>
    public void DisconnectAccount(string username)
    {
        foreach (var context in _byConnection.Values.Where(c => !IsScreen(c) && c.User?.FindFirst(Auth.Access.DeviceClaim) is null && c.User?.Identity?.Name == username))
        {
            context.Abort();
        }
    }

    private static bool IsScreen(HubCallerContext context) => context.User?.FindFirst(Auth.Access.ScreenClaim) is not null;

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
