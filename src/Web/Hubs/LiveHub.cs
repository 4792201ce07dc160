using Microsoft.AspNetCore.SignalR;
using StationNet.Grains.Live;
using StationNet.Web.Apis;

namespace StationNet.Web.Hubs;

/// <summary>
/// Walls call <c>Watch(networkId)</c> and get a snapshot; then the relay pushes <c>changes</c> batches
/// to the network's group. The caller joins the group before the snapshot is taken, so no batch
/// falls between the two; batches at or below the snapshot's version are simply ignored by the client.
/// </summary>
public sealed class LiveHub(IGrainFactory grains) : Hub
{
    public const string Path = "/hubs/live";
    public const string ChangesMethod = "changes";

    public static string GroupOf(string networkId) => "network:" + networkId;

    public async Task<LiveSnapshot> Watch(string networkId)
    {
        if (await NetworksApi.FindNetwork(networkId, grains) is not { } network)
        {
            throw new HubException($"Network '{networkId}' does not exist (网络不存在)");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(networkId));
        return (await network.GetSnapshot())!;
    }

    public Task Unwatch(string networkId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(networkId));
}
