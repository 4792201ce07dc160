using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using StationNet.Grains.Networks;
using StationNet.Grains.Opening;
using StationNet.Grains.Stations;
using StationNet.Web.Auth;

namespace StationNet.Web.Apis;

/// <summary>Opening and closing a station, and the open tablet's heartbeat: the station's tablet or an administrator.</summary>
public static class OpeningApi
{
    public static RouteGroupBuilder MapOpeningApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/stations").WithTags("Opening").RequireAuthorization();
        api.MapPost("/{stationId}/open", Open).WithName("OpenStation").RequireRateLimiting(AuthSetup.EventsLimit)
            .WithSummary("Open the station (开站); idempotent. Body {} or none. The station's tablet or an administrator");
        api.MapPost("/{stationId}/close", Close).WithName("CloseStation").RequireRateLimiting(AuthSetup.EventsLimit)
            .WithSummary("Close the station (闭站); idempotent. Body {} or none. The station's tablet or an administrator");
        app.MapGet("/api/reports/status", StatusReport).WithTags("Reports").WithName("StatusReport").RequireAuthorization(Access.ManagerPolicy)
            .WithSummary("Every station's verified status now, late and unreachable first: [{ stationId, name, status, openNow, since }]");
        api.MapPost("/{stationId}/heartbeat", Heartbeat).WithName("StationHeartbeat").RequireRateLimiting(AuthSetup.HeartbeatLimit)
            .WithSummary("The open tablet's sign of life, once a minute; journaled only when it changes the status. Body {} or none");
        return api;
    }

    public static Task<Results<Ok<StationStatusView>, ProblemHttpResult>> Open(string stationId, ClaimsPrincipal user, IGrainFactory grains) =>
        Act(stationId, user, grains, (station, device, by) => station.Open(device, by));

    public static Task<Results<Ok<StationStatusView>, ProblemHttpResult>> Close(string stationId, ClaimsPrincipal user, IGrainFactory grains) =>
        Act(stationId, user, grains, (station, device, by) => station.Close(device, by));

    public static Task<Results<Ok<StationStatusView>, ProblemHttpResult>> Heartbeat(string stationId, ClaimsPrincipal user, IGrainFactory grains) =>
        Act(stationId, user, grains, (station, device, _) => station.Heartbeat(device));

    public sealed record StationStatusLine(string StationId, string Name, string Status, bool OpenNow, DateTimeOffset? Since);

    /// <summary>The statuses a manager must act on come first: late, then unreachable, then the rest.</summary>
    public static async Task<Results<Ok<IReadOnlyList<StationStatusLine>>, ProblemHttpResult>> StatusReport(string? networkId, IGrainFactory grains)
    {
        if (await NetworksApi.FindNetwork(networkId, grains) is not var (network, _))
        {
            return networkId is null ? Problems.Invalid("networkId is required (缺少 networkId)") : NetworksApi.NetworkNotFound(networkId);
        }
        // A province has no stations of its own: its managers see the late and unreachable stations of every network beneath it.
        var networks = await grains.GetGrain<INetworkDirectoryGrain>(0).Subtree(network.GetPrimaryKeyString()) is { Count: > 0 } ids ? ids : [network.GetPrimaryKeyString()];
        var parts = await Task.WhenAll(networks.Select(async id =>
        {
            var grain = grains.GetGrain<INetworkGrain>(id);
            var names = (await grain.GetStations()).ToDictionary(s => s.Id, s => s.Name);
            return (await grain.GetStatuses()).Select(s => new StationStatusLine(s.StationId, names.GetValueOrDefault(s.StationId, s.StationId), s.Status, s.OpenNow, s.Since));
        }));
        IReadOnlyList<StationStatusLine> lines = parts.SelectMany(p => p)
            .OrderBy(s => s.Status switch { StationStatus.Late => 0, StationStatus.Unreachable => 1, _ => 2 }).ThenBy(s => s.StationId, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(lines);
    }

    private static async Task<Results<Ok<StationStatusView>, ProblemHttpResult>> Act(string stationId, ClaimsPrincipal user, IGrainFactory grains,
        Func<IStationGrain, string?, string?, Task<OpeningOutcome>> act)
    {
        if (!user.CanWriteStation(stationId))
        {
            return Problems.Forbidden("station", stationId);
        }
        if (!Problems.IsId(stationId))
        {
            return Problems.NotFound("Station", stationId, "驿站");
        }
        var device = user.DeviceId();
        var outcome = await act(grains.GetGrain<IStationGrain>(stationId), device, device is null ? user.Identity?.Name : null);
        return outcome.Result switch
        {
            OpeningResult.Done => TypedResults.Ok(outcome.Status!),
            OpeningResult.Retired => Problems.Conflict($"Station '{stationId}' is retired and cannot be opened (该驿站已停用，不能开站)"),
            _ => Problems.NotFound("Station", stationId, "驿站"),
        };
    }
}
