using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using StationNet.Grains.Stations;
using StationNet.Grains.Telemetry;
using StationNet.Web.Auth;

namespace StationNet.Web.Apis;

/// <summary>What a tablet's outbox sends after a spell offline: the events it kept, oldest first.</summary>
public sealed record EventBatchBody(IReadOnlyList<EventBody?>? Events);

/// <summary>One event's answer in a batch, as the single POST would have answered it: its status code and, when refused, its problem.</summary>
public sealed record EventBatchResult(Guid? Id, string Status, bool Duplicate, EventBatchProblem? Problem);

/// <summary>A refused event's problem details: the status the single POST gives (400 or 409), the first field at fault, and every field's messages.</summary>
public sealed record EventBatchProblem(int Status, string Title, string Detail, string? Field, IReadOnlyDictionary<string, string[]> Errors);

public sealed record EventBatchReply(string StationId, DateOnly Day, IReadOnlyDictionary<string, int> Counts, DateTimeOffset? LastEventAt, IReadOnlyList<EventBatchResult> Results);

/// <summary>
/// <c>POST /api/stations/{id}/events/batch</c>: up to 100 events in one journal transaction, each judged by the rules of
/// the single POST and answered on its own, so one bad event never costs the others theirs.
/// </summary>
public static class EventBatchApi
{
    public static RouteGroupBuilder MapEventBatchApi(this RouteGroupBuilder stations)
    {
        stations.MapPost("/{stationId}/events/batch", PostEvents).WithName("PostEventBatch").RequireRateLimiting(AuthSetup.EventsLimit)
            .WithSummary($"Count up to {EventRules.MaxBatch} services given, in one journal transaction: 200 with one result per event (counted, duplicate, or refused/conflict with a problem). The station's tablet or an administrator");
        return stations;
    }

    public static async Task<Results<Ok<EventBatchReply>, ValidationProblem, ProblemHttpResult>> PostEvents(
        string stationId, EventBatchBody body, ClaimsPrincipal user, IGrainFactory grains, StationClock time, StationNetMetrics metrics)
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
            return Problems.NotFound("Station", stationId, "驿站");
        }
        if (body.Events is not { Count: > 0 and <= EventRules.MaxBatch } events)
        {
            return Problems.Validation([new("events", $"events must hold 1 to {EventRules.MaxBatch} events (每批须含 1 到 {EventRules.MaxBatch} 条记录)")], StationsApi.EventRefused);
        }
        var by = user.DeviceId() ?? user.Identity?.Name;
        var now = time.GetUtcNow();
        var results = new EventBatchResult?[events.Count];
        var sent = new List<(int Index, StationEvent Event)>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (StationsApi.Missing(events[i]) is { Count: > 0 } missing)
            {
                metrics.Event("refused", null);
                results[i] = Refused(events[i]?.Id, RecordStatus.Rejected, missing);
                continue;
            }
            sent.Add((i, StationsApi.ToEvent(events[i]!, now, by)));
        }
        var outcome = await grains.GetGrain<IStationGrain>(stationId).RecordAll(sent.Select(s => s.Event).ToList());
        switch (outcome.Status)
        {
            case RecordStatus.UnknownStation:
                return Problems.NotFound("Station", stationId, "驿站");
            case RecordStatus.Retired:
                return Problems.Conflict($"Station '{stationId}' is retired and takes no events (该驿站已停用)");
        }
        for (var k = 0; k < sent.Count; k++)
        {
            var (index, e) = sent[k];
            var item = outcome.Results[k];
            metrics.Event(item.Status switch { RecordStatus.Counted => "accepted", RecordStatus.Duplicate => "duplicate", _ => "refused" },
                item.Status is RecordStatus.Counted or RecordStatus.Duplicate ? e.Service : null);
            results[index] = item.Status switch
            {
                RecordStatus.Counted => new EventBatchResult(e.Id, "counted", false, null),
                RecordStatus.Duplicate => new EventBatchResult(e.Id, "duplicate", true, null),
                _ => Refused(e.Id, item.Status, item.Errors),
            };
        }
        var today = outcome.Today!;
        return TypedResults.Ok(new EventBatchReply(today.StationId, today.Day, today.Counts, today.LastEventAt, results!));
    }

    private static EventBatchResult Refused(Guid? id, RecordStatus status, IReadOnlyList<FieldError> errors)
    {
        var conflict = status == RecordStatus.Conflict;
        var byField = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        var problem = new EventBatchProblem(conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
            conflict ? "Conflict" : StationsApi.EventRefused, string.Join("; ", errors.Select(e => e.Message)), errors.FirstOrDefault()?.Field, byField);
        return new EventBatchResult(id, conflict ? "conflict" : "refused", false, problem);
    }
}
