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
        api.MapGet("/networks/{networkId}", GetNetwork).WithName("PublicNetwork")
            .WithSummary("A network's names and service names, for the public finder (anonymous)");
        api.MapGet("/networks/{networkId}/stations", GetStations).WithName("PublicStations")
            .WithSummary("The network's stations for workers: place, services, hours, verified status (anonymous; nothing about tablets, people or counts)");
        api.MapGet("/networks/{networkId}/stations.geojson", GetGeoJson).WithName("PublicStationsGeoJson")
            .WithSummary("The same stations as a GeoJSON FeatureCollection of Points, [lng, lat] in WGS-84 (anonymous)");
        return api;
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
