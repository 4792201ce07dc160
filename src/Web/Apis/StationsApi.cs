using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using StationNet.Web.Auth;
using StationNet.Grains.Stations;
using StationNet.Grains.Telemetry;

namespace StationNet.Web.Apis;

/// <summary>The body a tablet posts. Everything is optional here so that a missing field gets a clear message.</summary>
public sealed record EventBody(Guid? Id, string? Service, int? Quantity, DateTimeOffset? OccurredAt, string? Attendant, string? WorkerGroup);

public sealed record StationView(
    string Id, string NetworkId, string Name, string Township, IReadOnlyList<string> Services, OpeningHours OpeningHours, int Seats,
    DateOnly Day, IReadOnlyDictionary<string, int> Counts, IReadOnlyDictionary<string, int[]> Hourly, DateTimeOffset? LastEventAt,
    string Status, bool OpenNow, DateTimeOffset? StatusSince, string Address, GeoPoint? Location, string Phone, bool Is24h);

public sealed record EventReply(Guid Id, bool Duplicate, string StationId, DateOnly Day, IReadOnlyDictionary<string, int> Counts, DateTimeOffset? LastEventAt);

public sealed record VoidReply(Guid EventId, bool Voided, bool AlreadyVoided, string StationId, DateOnly Day, IReadOnlyDictionary<string, int> Counts);

public static class StationsApi
{
    internal const string EventRefused = "The event was refused (事件未被接受)";

    public static RouteGroupBuilder MapStationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/stations").WithTags("Stations").RequireAuthorization();
        api.MapGet("/{stationId}", GetStation).WithName("GetStation").WithSummary("The station and today's counts");
        api.MapPost("/{stationId}/events", PostEvent).WithName("PostEvent").RequireRateLimiting(AuthSetup.EventsLimit)
            .WithSummary("Count a service given: 201 when counted, 200 with duplicate=true when the same event was sent before, 409 when its id was used for another event. The station's tablet or an administrator");
        api.MapEventBatchApi();
        api.MapDelete("/{stationId}/events/{eventId}", VoidEvent).WithName("VoidEvent").RequireRateLimiting(AuthSetup.EventsLimit)
            .WithSummary("Void a mistaken event of today; idempotent. The station's tablet or an administrator");
        return api;
    }

    public static async Task<Results<Ok<StationView>, ProblemHttpResult>> GetStation(string stationId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!user.CanReadStation(stationId))
        {
            return Problems.Forbidden("station", stationId);
        }
        var station = Problems.IsId(stationId) ? grains.GetGrain<IStationGrain>(stationId) : null;
        if (station is null || await station.GetInfo() is not { } info || await station.GetToday() is not { } today
            || await station.GetStatus() is not { } status)
        {
            return StationNotFound(stationId);
        }
        var hours = info.HoursOn(today.Day);
        return TypedResults.Ok(new StationView(info.Id, info.NetworkId, info.Name, info.Township, info.Services, hours, info.Seats,
            today.Day, today.Counts, today.Hourly, today.LastEventAt, status.Status, status.OpenNow, status.Since,
            info.Address, info.Location, info.Phone, hours.IsAllDay));
    }

    public static async Task<Results<Created<EventReply>, Ok<EventReply>, ValidationProblem, ProblemHttpResult>> PostEvent(
        string stationId, EventBody body, ClaimsPrincipal user, IGrainFactory grains, StationClock time, StationNetMetrics metrics)
    {
        if (user.DeviceId() is { } device)
        {
            metrics.TabletSeen(device);
        }
        if (!user.CanWriteStation(stationId))
        {
            return Problems.Forbidden("station", stationId);
        }
        if (!Problems.IsId(stationId))
        {
            return StationNotFound(stationId);
        }
        if (Missing(body) is { Count: > 0 } missing)
        {
            metrics.Event("refused", null);
            return Problems.Validation(missing, EventRefused);
        }
        var e = ToEvent(body, time.GetUtcNow(), user.DeviceId() ?? user.Identity?.Name);
        var outcome = await grains.GetGrain<IStationGrain>(stationId).Record(e);
        // Only the catalog's service ids become a label, so a hostile client cannot mint new time series.
        metrics.Event(outcome.Status switch { RecordStatus.Counted => "accepted", RecordStatus.Duplicate => "duplicate", _ => "refused" },
            outcome.Status is RecordStatus.Counted or RecordStatus.Duplicate ? e.Service : null);
        return outcome.Status switch
        {
            RecordStatus.Counted => TypedResults.Created($"/api/stations/{stationId}/events/{e.Id}", Reply(e.Id, false, outcome.Today!)),
            RecordStatus.Duplicate => TypedResults.Ok(Reply(e.Id, true, outcome.Today!)),
            RecordStatus.Rejected => Problems.Validation(outcome.Errors, EventRefused),
            RecordStatus.Conflict => Problems.Conflict(outcome.Errors[0].Message),
            RecordStatus.Retired => Problems.Conflict($"Station '{stationId}' is retired and takes no events (该驿站已停用)"),
            _ => StationNotFound(stationId),
        };
    }

    public static async Task<Results<Ok<VoidReply>, ProblemHttpResult>> VoidEvent(string stationId, Guid eventId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!user.CanWriteStation(stationId))
        {
            return Problems.Forbidden("station", stationId);
        }
        if (!Problems.IsId(stationId))
        {
            return StationNotFound(stationId);
        }
        var outcome = await grains.GetGrain<IStationGrain>(stationId).Void(eventId, user.DeviceId() ?? user.Identity?.Name);
        var today = outcome.Today;
        return outcome.Status switch
        {
            VoidStatus.Voided => TypedResults.Ok(new VoidReply(eventId, true, false, stationId, today!.Day, today.Counts)),
            VoidStatus.AlreadyVoided => TypedResults.Ok(new VoidReply(eventId, true, true, stationId, today!.Day, today.Counts)),
            VoidStatus.NotToday => Problems.Conflict("Only an event of today can be voided (只能撤销当天的记录)"),
            VoidStatus.UnknownEvent => Problems.NotFound("Event", eventId.ToString(), "该驿站的这条记录"),
            _ => StationNotFound(stationId),
        };
    }

    /// <summary>The fields without which an event cannot even be judged; empty when both are there.</summary>
    internal static List<FieldError> Missing(EventBody? body)
    {
        var missing = new List<FieldError>();
        if (body?.Id is null)
        {
            missing.Add(new("id", "id is required: a UUID made by the client (缺少 id)"));
        }
        if (string.IsNullOrEmpty(body?.Service))
        {
            missing.Add(new("service", "service is required (缺少服务项目)"));
        }
        return missing;
    }

    /// <summary>The event as the station grain judges it; the recorder is the tablet (or the account) that sent it.</summary>
    internal static StationEvent ToEvent(EventBody body, DateTimeOffset now, string? by) =>
        new(body.Id!.Value, body.Service!, body.Quantity ?? 1, body.OccurredAt ?? now, Blank(body.Attendant), Blank(body.WorkerGroup), by, body.OccurredAt is not null);

    private static EventReply Reply(Guid id, bool duplicate, StationToday today) =>
        new(id, duplicate, today.StationId, today.Day, today.Counts, today.LastEventAt);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static ProblemHttpResult StationNotFound(string stationId) => Problems.NotFound("Station", stationId, "驿站");
}
