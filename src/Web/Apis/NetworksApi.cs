using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using StationNet.Web.Auth;
using StationNet.Grains.Catalog;
using StationNet.Grains.Live;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;

namespace StationNet.Web.Apis;

/// <summary>A configured network: its grain, and its description read once.</summary>
public sealed record FoundNetwork(INetworkGrain Grain, NetworkInfo Info);

public sealed record NetworkSummary(string Id, string Name, string NameEn, string TimeZone, bool IsSample, string? ParentId = null);

public sealed record NetworkView(
    string Id, string Name, string NameEn, string TimeZone, bool IsSample,
    IReadOnlyList<ServiceKind> Services, IReadOnlyList<ServiceKind> WorkerGroups, IReadOnlyList<StationInfo> Stations)
{
    /// <summary>The wall map's basemap, when an operator configured one (<see cref="WallMap"/>); null draws the schematic map only.</summary>
    public WallMap? Map { get; init; }

    /// <summary>The parent network this one belongs to, if any.</summary>
    public string? ParentId { get; init; }

    /// <summary>The networks directly beneath (a province's cities), each with every station beneath it for the province wall's map.</summary>
    public IReadOnlyList<ChildNetworkView> Children { get; init; } = [];
}

/// <summary>A child network as its parent's wall shows it: names, and where each station beneath it stands.</summary>
public sealed record ChildNetworkView(string Id, string Name, string NameEn, bool IsSample, IReadOnlyList<StationPin> Stations);

/// <summary>A station on a province's map: its id, name and place (null when not entered).</summary>
public sealed record StationPin(string Id, string Name, GeoPoint? Location);

/// <summary>
/// A tile URL template such as <c>https://tiles.example/{z}/{x}/{y}.png</c> (Web Mercator, 256 px tiles) and its attribution,
/// from <c>StationNet:Wall:MapTiles</c> and <c>StationNet:Wall:MapAttribution</c>. No internet at the service centre is assumed, so there is none by default.
/// </summary>
public sealed record WallMap(string Tiles, string? Attribution)
{
    public static WallMap? From(IConfiguration configuration) =>
        configuration["StationNet:Wall:MapTiles"] is { Length: > 0 } tiles
        && (tiles.StartsWith("https://", StringComparison.Ordinal) || tiles.StartsWith("http://", StringComparison.Ordinal) || tiles.StartsWith('/'))
        && tiles.Contains("{z}", StringComparison.Ordinal) && tiles.Contains("{x}", StringComparison.Ordinal) && tiles.Contains("{y}", StringComparison.Ordinal)
            ? new WallMap(tiles, configuration["StationNet:Wall:MapAttribution"])
            : null;
}

public static class NetworksApi
{
    public static RouteGroupBuilder MapNetworksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/networks").WithTags("Networks").RequireAuthorization();
        api.MapGet("/", ListNetworks).WithName("ListNetworks").WithSummary("Networks this caller may see");
        api.MapGet("/{networkId}", GetNetwork).WithName("GetNetwork").WithSummary("Name, time zone, service catalog and stations");
        api.MapGet("/{networkId}/live", GetLive).WithName("GetLive").WithSummary("The live snapshot of today's counts");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<NetworkSummary>>> ListNetworks(ClaimsPrincipal user, IGrainFactory grains)
    {
        var directory = grains.GetGrain<INetworkDirectoryGrain>(0);
        var all = await directory.List();
        var reach = user.ScopeId() is { } scope ? (await directory.Subtree(scope)).ToHashSet(StringComparer.Ordinal) : null;
        IReadOnlyList<NetworkSummary> list = all.Where(n => user.CanReadNetwork(n.Id) && (reach is null || reach.Contains(n.Id)))
            .Select(n => new NetworkSummary(n.Id, n.Name, n.NameEn, n.TimeZone, n.IsSample, n.ParentId)).ToList();
        return TypedResults.Ok(list);
    }

    public static async Task<Results<Ok<NetworkView>, ProblemHttpResult>> GetNetwork(string networkId, ClaimsPrincipal user, IGrainFactory grains, IConfiguration configuration)
    {
        if (!user.CanReadNetwork(networkId))
        {
            return Problems.Forbidden("network", networkId);
        }
        if (await FindNetwork(networkId, grains) is not var (network, info))
        {
            return NetworkNotFound(networkId);
        }
        var stations = await network.GetStations();
        return TypedResults.Ok(new NetworkView(info.Id, info.Name, info.NameEn, info.TimeZone, info.IsSample,
            info.Services, ServiceCatalog.WorkerGroups, stations) { Map = WallMap.From(configuration), ParentId = info.ParentId, Children = await ChildrenOf(info.Id, grains) });
    }

    public static async Task<Results<Ok<LiveSnapshot>, ProblemHttpResult>> GetLive(string networkId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!user.CanReadNetwork(networkId))
        {
            return Problems.Forbidden("network", networkId);
        }
        var snapshot = await FindNetwork(networkId, grains) is var (network, _) ? await network.GetSnapshot() : null;
        return snapshot is null ? NetworkNotFound(networkId) : TypedResults.Ok(snapshot);
    }

    private static async Task<IReadOnlyList<ChildNetworkView>> ChildrenOf(string networkId, IGrainFactory grains)
    {
        var directory = grains.GetGrain<INetworkDirectoryGrain>(0);
        var children = await directory.Children(networkId);
        return await Task.WhenAll(children.Select(async id =>
        {
            var info = (await grains.GetGrain<INetworkGrain>(id).GetInfo())!;
            var beneath = await Task.WhenAll((await directory.Subtree(id)).Select(n => grains.GetGrain<INetworkGrain>(n).GetStations()));
            var pins = beneath.SelectMany(s => s).Where(s => !s.Retired).Select(s => new StationPin(s.Id, s.Name, s.Location)).ToList();
            return new ChildNetworkView(id, info.Name, info.NameEn, info.IsSample, pins);
        }));
    }

    /// <summary>The network's grain and its description, or null when no such network is configured.</summary>
    public static async Task<FoundNetwork?> FindNetwork(string? networkId, IGrainFactory grains)
    {
        if (!Problems.IsId(networkId))
        {
            return null;
        }
        var network = grains.GetGrain<INetworkGrain>(networkId);
        return await network.GetInfo() is { } info ? new FoundNetwork(network, info) : null;
    }

    public static ProblemHttpResult NetworkNotFound(string networkId) => Problems.NotFound("Network", networkId, "网络");
}
