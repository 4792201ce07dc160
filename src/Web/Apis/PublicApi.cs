using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using StationNet.Grains.Catalog;
using StationNet.Grains.Networks;
using StationNet.Grains.Opening;
using StationNet.Grains.Stations;
using StationNet.Web.Auth;

namespace StationNet.Web.Apis;

/// <summary>A network as the public finder shows it: its names and its services' names, nothing else.</summary>
public sealed record PublicNetwork(string Id, string Name, string NameEn, string TimeZone, bool IsSample, IReadOnlyList<ServiceKind> Services);

/// <summary>
/// A station as a worker may see it: where, what, when, and whether it is open. Never its tablets, attendants or counts;
/// the phone is the station's own public number.
/// </summary>
public sealed record PublicStation(string Id, string Name, string Township, string Address, GeoPoint? Location, IReadOnlyList<string> Services,
    OpeningHours OpeningHours, bool Is24h, string Status, bool OpenNow, string Phone);

/// <summary>A network a worker can choose in the finder: one with stations of its own, and the network above it, if any.</summary>
public sealed record PublicNetworkEntry(string Id, string Name, string NameEn, bool IsSample, int Stations, string? ParentName, string? ParentNameEn);

public sealed record GeoJsonCollection(IReadOnlyList<GeoJsonFeature> Features)
{
    public string Type => "FeatureCollection";
}

public sealed record GeoJsonFeature(string Id, GeoJsonPoint Geometry, PublicStation Properties)
{
    public string Type => "Feature";
}

/// <summary>A GeoJSON point: [lng, lat] in WGS-84 (RFC 7946).</summary>
public sealed record GeoJsonPoint([property: JsonPropertyName("coordinates")] double[] Coordinates)
{
    public string Type => "Point";
}

/// <summary>The public station finder's API: anonymous, rate-limited per address, cacheable for a short while.</summary>
public static class PublicApi
{
    /// <summary>Status changes within minutes; a worker's phone or a map may keep an answer this long.</summary>
    public const int CacheSeconds = 30;

    public static RouteGroupBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/public").WithTags("Public").AllowAnonymous().RequireRateLimiting(AuthSetup.PublicLimit)
            .AddEndpointFilter(async (context, next) =>
            {
                var result = await next(context);
                var headers = context.HttpContext.Response.Headers;
                headers[HeaderNames.CacheControl] = $"public, max-age={CacheSeconds}";
                // Maps and mini-programs on other sites may read it: it holds nothing private and takes no credentials.
                headers[HeaderNames.AccessControlAllowOrigin] = "*";
                return result;
            });
        api.MapGet("/networks", ListNetworks).WithName("PublicNetworks")
            .WithSummary("The networks that have stations, for the finder's first page (anonymous): real ones first, then sample ones");
        api.MapGet("/networks/{networkId}", GetNetwork).WithName("PublicNetwork")
            .WithSummary("A network's names and service names, for the public finder (anonymous)");
        api.MapGet("/networks/{networkId}/stations", GetStations).WithName("PublicStations")
            .WithSummary("The network's stations for workers: place, services, hours, verified status (anonymous; nothing about tablets, people or counts)");
        api.MapGet("/networks/{networkId}/stations.geojson", GetGeoJson).WithName("PublicStationsGeoJson")
            .WithSummary("The same stations as a GeoJSON FeatureCollection of Points, [lng, lat] in WGS-84 (anonymous)");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<PublicNetworkEntry>>> ListNetworks(IGrainFactory grains)
    {
        var all = await grains.GetGrain<INetworkDirectoryGrain>(0).List();
        var byId = all.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var counts = await Task.WhenAll(all.Select(async n => (await grains.GetGrain<INetworkGrain>(n.Id).GetStations()).Count(s => !s.Retired)));
        IReadOnlyList<PublicNetworkEntry> list = all.Zip(counts)
            .Where(x => x.Second > 0)
            .Select(x => (x.First, Parent: x.First.ParentId is { } p ? byId.GetValueOrDefault(p) : null, Count: x.Second))
            .OrderBy(x => x.First.IsSample).ThenBy(x => x.Parent?.Name, StringComparer.Ordinal).ThenBy(x => x.First.Id, StringComparer.Ordinal)
            .Select(x => new PublicNetworkEntry(x.First.Id, x.First.Name, x.First.NameEn, x.First.IsSample, x.Count, x.Parent?.Name, x.Parent?.NameEn))
            .ToList();
        return TypedResults.Ok(list);
    }

    public static async Task<Results<Ok<PublicNetwork>, ProblemHttpResult>> GetNetwork(string networkId, IGrainFactory grains) =>
        await NetworksApi.FindNetwork(networkId, grains) is var (_, info)
            ? TypedResults.Ok(new PublicNetwork(info.Id, info.Name, info.NameEn, info.TimeZone, info.IsSample, info.Services))
            : NetworksApi.NetworkNotFound(networkId);

    public static async Task<Results<Ok<IReadOnlyList<PublicStation>>, ProblemHttpResult>> GetStations(string networkId, IGrainFactory grains, StationClock time) =>
        await Stations(networkId, grains, time) is { } stations ? TypedResults.Ok(stations) : NetworksApi.NetworkNotFound(networkId);

    public static async Task<Results<JsonHttpResult<GeoJsonCollection>, ProblemHttpResult>> GetGeoJson(string networkId, IGrainFactory grains, StationClock time)
    {
        if (await Stations(networkId, grains, time) is not { } stations)
        {
            return NetworksApi.NetworkNotFound(networkId);
        }
        // A station with no location yet is left out: a map cannot place it.
        var features = stations.Where(s => s.Location is not null)
            .Select(s => new GeoJsonFeature(s.Id, new GeoJsonPoint([s.Location!.Lng, s.Location.Lat]), s)).ToList();
        return TypedResults.Json(new GeoJsonCollection(features), contentType: "application/geo+json");
    }

    private static async Task<IReadOnlyList<PublicStation>?> Stations(string networkId, IGrainFactory grains, StationClock time)
    {
        if (await NetworksApi.FindNetwork(networkId, grains) is not var (network, info))
        {
            return null;
        }
        var today = LocalDay.Of(time.GetUtcNow(), LocalDay.Zone(info.TimeZone));
        var statuses = (await network.GetStatuses()).ToDictionary(s => s.StationId);
        return (await network.GetStations()).Where(s => !s.Retired).Select(s =>
        {
            var status = statuses.GetValueOrDefault(s.Id);
            var hours = s.HoursOn(today);
            return new PublicStation(s.Id, s.Name, s.Township, s.Address, s.Location, s.Services, hours, hours.IsAllDay,
                status?.Status ?? StationStatus.Closed, status?.OpenNow ?? false, s.Phone);
        }).ToList();
    }
}
