using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using StationNet.Grains.Live;
using StationNet.Web.Apis;
using StationNet.Web.Auth;

namespace StationNet.Web.Hubs;

/// <summary>
/// Walls call <c>Watch(networkId)</c> and get a snapshot; then the relay pushes <c>changes</c> batches
/// to the network's group. The caller joins the group before the snapshot is taken, so no batch
/// falls between the two; batches at or below the snapshot's version are simply ignored by the client.
/// Only a screen link of the network or a signed-in manager or administrator may watch.
/// </summary>
[Authorize]
public sealed class LiveHub(IGrainFactory grains, ScreenConnections screens) : Hub
{
    public const string Path = "/hubs/live";
    public const string ChangesMethod = "changes";
    public const string NetworkMethod = "network";

    public static string GroupOf(string networkId) => "network:" + networkId;

    public override Task OnConnectedAsync()
    {
        screens.Add(Context);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        screens.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task<LiveSnapshot> Watch(string networkId)
    {
        if (Context.User is not { } user || !user.CanReadNetwork(networkId) || user.IsInRole(Grains.Access.Roles.Tablet) || !await user.Reaches(grains, networkId))
        {
            throw new HubException($"This screen may not watch network '{networkId}' (无权查看该网络)");
        }
        if (await NetworksApi.FindNetwork(networkId, grains) is not var (network, _))
        {
            throw new HubException($"Network '{networkId}' does not exist (网络不存在)");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(networkId));
        return (await network.GetSnapshot())!;
    }

    public Task Unwatch(string networkId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(networkId));
}
