using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Net.Http.Headers;
using StationNet.Grains.Catalog;
using StationNet.Grains.Feedback;
using StationNet.Grains.Stations;
using StationNet.Web.Auth;

namespace StationNet.Web.Apis;

/// <summary>A worker's rating as the rating page sends it; <c>device</c> is the browser's random id, hashed with the day and never kept.</summary>
public sealed record FeedbackBody(Guid? Id, int? Rating, string[]? Tags, string? Comment, string? Device);

public sealed record FeedbackReceipt(Guid Id, string StationId, bool Duplicate);

public sealed record FollowUpBody(string? Status, string? Note);

/// <summary>Workers' ratings: the anonymous rating, the managers' list and follow-up, and each station's satisfaction.</summary>
public static class FeedbackApi
{
    public const int MaxListed = 500;

    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/public/stations/{stationId}/feedback", Rate).WithTags("Public").WithName(RateEndpoint).AllowAnonymous()
            .RequireRateLimiting(AuthSetup.FeedbackLimit)
            .WithSummary("A worker's anonymous rating {id, device, rating 1–5, tags?, comment? ≤ 200}; one per browser, station and day; 201, 200 duplicate, 409");
        app.MapGet("/api/reports/feedback", List).WithTags("Reports").WithName("FeedbackReport").RequireAuthorization(Access.ManagerPolicy)
            .WithSummary("Ratings with their follow-up, low ratings first, then newest; filters stationId, status; format=csv or xlsx");
        app.MapGet("/api/reports/satisfaction", SatisfactionReport).WithTags("Reports").WithName("SatisfactionReport").RequireAuthorization(Access.ManagerPolicy)
            .WithSummary("Per station: mean rating, count, share of 1–2 stars over a range (default the last 90 days), and open complaints");
        app.MapGet("/api/networks/{networkId}/satisfaction", NetworkSatisfaction).WithTags("Networks").WithName("NetworkSatisfaction").RequireAuthorization()
            .WithSummary("Each station's satisfaction over the last 90 days and its open complaints, for the wall's mark (numbers only, no comments)");
        app.MapPatch("/api/admin/feedback/{feedbackId}", FollowUp).WithTags("Admin").WithName("FeedbackFollowUp").RequireAuthorization(Access.ManagerPolicy)
            .WithSummary("Answer a rating {status: new | in-progress | resolved | dismissed, note? ≤ 200}; every step is kept. Managers and administrators");
        app.MapGet("/api/admin/stations/{stationId}/poster", Poster).WithTags("Admin").WithName("FeedbackPoster").RequireAuthorization(Access.AdminPolicy)
            .WithSummary("The station's A4 poster (SVG, prints at size): its name, a QR code of its rating page /rate/{stationId} and one line of text");
        return app;
    }

    /// <summary>The rating endpoint's name: the per-address feedback limit picks it out.</summary>
    public const string RateEndpoint = "RateStation";

    public static async Task<Results<Created<FeedbackReceipt>, Ok<FeedbackReceipt>, ValidationProblem, ProblemHttpResult>> Rate(
        string stationId, FeedbackBody body, HttpResponse response, IGrainFactory grains, IFeedbackJournal journal, StationClock time, CancellationToken ct)
    {
        // A rating is nobody's business but the station's: never kept by a browser cache or a proxy.
        response.Headers[HeaderNames.CacheControl] = "no-store";
        var station = Problems.IsId(stationId) ? await grains.GetGrain<IStationGrain>(stationId).GetInfo() : null;
        if (station is null || station.Retired || await NetworksApi.FindNetwork(station.NetworkId, grains) is not var (_, network))
        {
            return Problems.NotFound("Station", stationId, "驿站");
        }
        var comment = body.Comment;
        var errors = FeedbackRules.Check(body.Rating, body.Tags, body.Device, ref comment).ToList();
        if (body.Id is null || body.Id == Guid.Empty)
        {
            errors.Insert(0, new FieldError("id", "id is the rating's own UUID, made by the page (缺少评价编号)"));
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors, "The rating was refused");
        }
        var now = time.GetUtcNow();
        var day = LocalDay.Of(now, LocalDay.Zone(network.TimeZone));
        var entry = new FeedbackEntry(body.Id!.Value, station.NetworkId, station.Id, day, FeedbackRules.ToMinute(now), body.Rating!.Value,
            FeedbackRules.Order(body.Tags), comment, FeedbackRules.DeviceDay(body.Device!, station.Id, day));
        return await journal.AppendAsync(entry, ct) switch
        {
            FeedbackAppend.Added => TypedResults.Created($"/api/reports/feedback?networkId={station.NetworkId}", new FeedbackReceipt(entry.Id, station.Id, false)),
            FeedbackAppend.Duplicate => TypedResults.Ok(new FeedbackReceipt(entry.Id, station.Id, true)),
            FeedbackAppend.Changed => Problems.Conflict($"Rating {entry.Id} was already sent with different content (该评价编号已用于另一条评价)"),
            _ => Problems.Conflict("This phone has already rated this station today; thank you (今天已经评价过该驿站，谢谢)"),
        };
    }

    /// <summary>Where phones reach this server: StationNet:PublicUrl when set (behind a proxy or a domain), else the address asked.</summary>
    public const string PublicUrlKey = "StationNet:PublicUrl";

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Poster(string stationId, HttpRequest request, HttpResponse response, IGrainFactory grains, IConfiguration configuration)
    {
        var station = Problems.IsId(stationId) ? await grains.GetGrain<IStationGrain>(stationId).GetInfo() : null;
        if (station is null || station.Retired)
        {
            return Problems.NotFound("Station", stationId, "驿站");
        }
        var root = configuration[PublicUrlKey] is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}";
        var svg = FeedbackPoster.Of(station.Name, $"{root}/rate/{Uri.EscapeDataString(station.Id)}");
        // Inline: it opens in the browser, ready to print at A4.
        response.Headers.ContentDisposition = $"inline; filename=stationnet-poster-{station.Id}.svg";
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(svg), "image/svg+xml; charset=utf-8");
    }

    public static async Task<Results<Ok<IReadOnlyList<FeedbackItem>>, PushStreamHttpResult, ProblemHttpResult>> List(
        HttpRequest request, IGrainFactory grains, IFeedbackJournal journal, StationClock time,
        string? networkId, DateOnly? from, DateOnly? to, string? stationId, string? status, string? format, CancellationToken ct)
    {
        var (scope, problem) = await ReportsApi.Check(request, grains, time, networkId, from, to, stationId, format, ReportsApi.MaxDays, "json", "csv", "xlsx");
        if (scope is null)
        {
            return problem!;
        }
        if (status is not null && !FeedbackCatalog.Statuses.Contains(status))
        {
            return Problems.Invalid($"status is one of {string.Join(", ", FeedbackCatalog.Statuses)} (状态无效)");
        }
        // Over a subtree: each network's first MaxListed in the list's order, merged in that order and cut again.
        IReadOnlyList<FeedbackItem> items = (await scope.Each(id => journal.ListAsync(new FeedbackQuery(id, scope.From, scope.To, scope.StationId, status, MaxListed), ct)))
            .OrderBy(i => i.Rating).ThenByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Take(MaxListed).ToList();
        if (scope.Format == "json")
        {
            return TypedResults.Ok(items);
        }
        var names = scope.Stations.ToDictionary(s => s.Id, s => s.Name);
        string Tags(IReadOnlyList<string> ids) => string.Join(" ", ids.Select(FeedbackCatalog.Tag).OfType<FeedbackTag>().Select(t => scope.Say(t.Name, t.NameEn)));
        return ReportsApi.Export(scope, "feedback", ("职工评价", "Workers' ratings"),
            [scope.Say("日期", "Day"), .. scope.NetworkColumn, scope.Say("驿站", "Station"), scope.Say("星级", "Stars"), scope.Say("标签", "Tags"), scope.Say("留言", "Comment"),
                scope.Say("状态", "Status"), scope.Say("处理说明", "Notes")],
            items.Select(i => new object[] { i.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }.Concat(scope.NetworkCell(i.NetworkId)).Concat(new object[] { names.GetValueOrDefault(i.StationId, i.StationId), i.Rating,
                Tags(i.Tags), i.Comment ?? "", i.Status, string.Join(" / ", i.Notes.Select(n => $"{n.Status}: {n.Note}")) }).ToArray()));
    }

    public static async Task<Results<Ok<IReadOnlyList<StationSatisfaction>>, ProblemHttpResult>> SatisfactionReport(
        HttpRequest request, IGrainFactory grains, IFeedbackJournal journal, StationClock time, string? networkId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        // Only "to" given: the 90 days up to it.
        var (scope, problem) = await ReportsApi.Check(request, grains, time, networkId, from ?? to, to, null, null, ReportsApi.MaxDays, "json");
        if (scope is null)
        {
            return problem!;
        }
        var (first, since) = Window(from, scope.To);
        var days = await scope.Each(id => journal.DailyAsync(id, since, scope.To, ct));
        return TypedResults.Ok(Satisfied(days, scope.Stations, first, scope.To));
    }

    public static async Task<Results<Ok<IReadOnlyList<StationSatisfaction>>, ProblemHttpResult>> NetworkSatisfaction(
        string networkId, ClaimsPrincipal user, IGrainFactory grains, IFeedbackJournal journal, StationClock time, CancellationToken ct)
    {
        if (!user.CanReadNetwork(networkId))
        {
            return Problems.Forbidden("network", networkId);
        }
        if (await NetworksApi.FindNetwork(networkId, grains) is not var (network, info))
        {
            return NetworksApi.NetworkNotFound(networkId);
        }
        var today = LocalDay.Of(time.GetUtcNow(), LocalDay.Zone(info.TimeZone));
        var (first, since) = Window(null, today);
        return TypedResults.Ok(Satisfied(await journal.DailyAsync(networkId, since, today, ct), await network.GetStations(), first, today));
    }

    /// <summary>The first day a satisfaction covers (default the 90 days to <paramref name="to"/>) and the first the daily rollup is read from (open complaints look back further).</summary>
    private static (DateOnly First, DateOnly Since) Window(DateOnly? from, DateOnly to)
    {
        var first = from ?? to.AddDays(1 - Satisfaction.DefaultDays);
        return (first, new[] { first, to.AddDays(-Satisfaction.OpenLookbackDays) }.Min());
    }

    /// <summary>Each station in service with its satisfaction over [first, to], from the daily rollup of its network.</summary>
    private static IReadOnlyList<StationSatisfaction> Satisfied(IEnumerable<FeedbackDay> days, IEnumerable<StationInfo> stations, DateOnly first, DateOnly to)
    {
        var byStation = days.ToLookup(d => d.StationId);
        return stations.Where(s => !s.Retired).Select(s => Satisfaction.Of(s.Id, s.Name, byStation[s.Id], first, to) with { NetworkId = s.NetworkId }).ToList();
    }

    public static async Task<Results<Ok<FeedbackItem>, ValidationProblem, ProblemHttpResult>> FollowUp(
        string feedbackId, FollowUpBody body, ClaimsPrincipal user, IGrainFactory grains, IFeedbackJournal journal, StationClock time, CancellationToken ct)
    {
        if (!Guid.TryParse(feedbackId, out var id) || await journal.FindAsync(id, ct) is not { } item)
        {
            return Problems.NotFound("Rating", feedbackId, "评价");
        }
        var note = body.Note;
        var errors = FeedbackRules.CheckFollowUp(body.Status, ref note);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors, "The follow-up was refused");
        }
        var network = await NetworksApi.FindNetwork(item.NetworkId, grains);
        var now = time.GetUtcNow();
        var today = LocalDay.Of(now, LocalDay.Zone(network?.Info.TimeZone));
        var by = user.Identity?.Name ?? "—";
        return await journal.FollowUpAsync(id, new FeedbackNote(now, body.Status!, note, by), today, ct) is { } answered
            ? TypedResults.Ok(answered)
            : Problems.NotFound("Rating", feedbackId, "评价");
    }
}
