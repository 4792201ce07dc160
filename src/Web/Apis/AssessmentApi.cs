using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using StationNet.Grains.Assessment;
using StationNet.Grains.Catalog;
using StationNet.Grains.Feedback;
using StationNet.Grains.Journal;
using StationNet.Grains.Opening;
using StationNet.Grains.Stations;
using StationNet.Grains.Supplies;
using StationNet.Web.Auth;

namespace StationNet.Web.Apis;

public sealed record AssessmentBody(AssessmentCriterion[]? Criteria, double[]? Stars, int? ComplaintDays, double? VisitsPerSeat);

/// <summary>The star assessment (星级考核): its settings per network and year, and each station's score, stars and parts, from rollups.</summary>
public static class AssessmentApi
{
    public static IEndpointRouteBuilder MapAssessmentApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/networks/{networkId}/assessment/{year}", Get).WithTags("Admin").WithName("GetAssessment").RequireAuthorization(Access.AdminPolicy)
            .WithSummary("The year's assessment settings: criteria and weights, star bounds, complaint days, visits per seat (the defaults until set: isDefault)");
        app.MapPut("/api/admin/networks/{networkId}/assessment/{year}", Put).WithTags("Admin").WithName("SetAssessment").RequireAuthorization(Access.AdminPolicy)
            .WithSummary("Set the year's assessment: { criteria: [{ criterion: hours | visits | satisfaction | supplies | complaints, weight }], stars: [4 ascending bounds], complaintDays?, visitsPerSeat? }");
        app.MapGet("/api/reports/assessment", Report).WithTags("Reports").WithName("AssessmentReport").RequireAuthorization(Access.ManagerPolicy)
            .WithSummary("Per station: score, stars and each criterion's value, points and maximum for the year; format=csv or xlsx (考核表)");
        return app;
    }

    public static async Task<Results<Ok<AssessmentSettings>, ProblemHttpResult>> Get(string networkId, int year, IGrainFactory grains)
    {
        if (await NetworksApi.FindNetwork(networkId, grains) is null)
        {
            return NetworksApi.NetworkNotFound(networkId);
        }
        return year is < 2000 or > 2100
            ? Problems.Invalid("year is between 2000 and 2100 (年份须在 2000 到 2100 之间)")
            : TypedResults.Ok(await grains.GetGrain<IAssessmentGrain>(AssessmentGrain.Key(networkId, year)).Get());
    }

    public static async Task<Results<Ok<AssessmentSettings>, ValidationProblem, ProblemHttpResult>> Put(string networkId, int year, AssessmentBody body, IGrainFactory grains)
    {
        if (await NetworksApi.FindNetwork(networkId, grains) is null)
        {
            return NetworksApi.NetworkNotFound(networkId);
        }
        if (year is < 2000 or > 2100)
        {
            return Problems.Invalid("year is between 2000 and 2100 (年份须在 2000 到 2100 之间)");
        }
        var defaults = AssessmentRules.Default;
        var settings = new AssessmentSettings(body.Criteria ?? [], body.Stars ?? [], body.ComplaintDays ?? defaults.ComplaintDays, body.VisitsPerSeat ?? defaults.VisitsPerSeat);
        var errors = AssessmentRules.Check(settings);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors, "The assessment was refused");
        }
        return TypedResults.Ok(await grains.GetGrain<IAssessmentGrain>(AssessmentGrain.Key(networkId, year)).Set(settings));
    }

    public static async Task<Results<Ok<IReadOnlyList<StationAssessment>>, PushStreamHttpResult, ProblemHttpResult>> Report(
        HttpRequest request, IGrainFactory grains, IDailyRollup rollup, IEventJournal journal, IOpeningJournal openings, IFeedbackJournal feedback, ISupplyJournal supplies, StationClock time,
        string? networkId, int? year, string? format, CancellationToken ct)
    {
        var (scope, problem) = await ReportsApi.Check(request, grains, time, networkId, null, null, null, format, 1, "json", "csv", "xlsx");
        if (scope is null)
        {
            return problem!;
        }
        if ((year ?? scope.From.Year) is not (>= 2000 and <= 2100 and var y))
        {
            return Problems.Invalid("year is between 2000 and 2100 (年份须在 2000 到 2100 之间)");
        }
        var (first, last) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
        // Over a subtree each station is scored as its own network scores it: that network's settings for the year and its
        // time zone, so a province's report is its cities' reports side by side.
        var settings = (await scope.Each(async id => (IReadOnlyList<(string Id, AssessmentSettings Settings)>)
            [(id, await grains.GetGrain<IAssessmentGrain>(AssessmentGrain.Key(id, y)).Get())])).ToDictionary(s => s.Id, s => s.Settings, StringComparer.Ordinal);
        TimeZoneInfo Zone(string networkId) => LocalDay.Zone(scope.Named.GetValueOrDefault(networkId)?.TimeZone ?? scope.Network.TimeZone);
        var now = time.GetUtcNow();
        // Hours kept: the opening sessions against the hours in force each day, as the compliance report judges them.
        var active = (await scope.Each(id => journal.ActivityAsync(id, first, last, ct)))
            .GroupBy(a => a.StationId).ToDictionary(g => g.Key, g => (ISet<(DateOnly, int)>)g.Select(a => (a.Day, a.Hour)).ToHashSet());
        var sessions = (await scope.Each(id => openings.SessionsAsync(id, LocalDay.End(first.AddDays(-1), Zone(id)), LocalDay.End(last, Zone(id)), ct)))
            .GroupBy(s => s.StationId).ToDictionary(g => g.Key, g => (IReadOnlyList<OpeningSession>)g.ToList());
        var visits = (await scope.Each(id => rollup.SummaryAsync(id, first, last, null, ct))).Where(r => r.Service == "visit")
            .GroupBy(r => r.StationId).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var ratings = (await scope.Each(id => feedback.DailyAsync(id, first, last, ct))).GroupBy(d => d.StationId).ToDictionary(g => g.Key, g => g.ToList());
        var resolutions = (await scope.Each(id => feedback.ResolutionsAsync(id, first, last, ct))).ToLookup(r => r.StationId);
        var stock = await SupplyDays(supplies, scope.Stations, first, Min(last, LocalDay.Of(now, Zone(scope.Network.Id))), ct);
        IReadOnlyList<StationAssessment> rows = scope.Stations.Where(s => !s.Retired).Select(s =>
        {
            var rules = settings[s.NetworkId];
            var zone = Zone(s.NetworkId);
            var c = Compliance.Of(s, first, last, active.GetValueOrDefault(s.Id) ?? new HashSet<(DateOnly, int)>(), LocalDay.Of(now, zone), LocalDay.HourOf(now, zone),
                sessions.GetValueOrDefault(s.Id), zone);
            var days = ratings.GetValueOrDefault(s.Id) ?? [];
            var facts = new AssessmentFacts(c.OpenedHours + c.UnopenedHours, c.OpenedHours, visits.GetValueOrDefault(s.Id), s.Seats,
                days.Sum(d => d.Ratings), days.Sum(d => d.RatingSum), days.Sum(d => d.Complaints),
                resolutions[s.Id].Where(r => r.Days <= rules.ComplaintDays).Sum(r => r.Count), stock[s.Id]);
            return AssessmentRules.Score(s, facts, rules) with { NetworkId = s.NetworkId };
        }).OrderByDescending(r => r.Score ?? -1).ThenBy(r => r.StationId, StringComparer.Ordinal).ToList();
        if (scope.Format == "json")
        {
            return TypedResults.Ok(rows);
        }
        // One column pair per criterion: the network's own in its order, then any other a network beneath weighs; a station
        // whose network does not weigh one shows a dash there.
        var named = settings[scope.Network.Id];
        var criteria = named.Criteria.Select(c => c.Criterion)
            .Concat(AssessmentRules.All.Where(c => settings.Values.Any(s => s.Criteria.Any(x => x.Criterion == c)))).Distinct().ToList();
        var unknown = scope.Say("不可用", "unknown");
        string[] header = [.. scope.NetworkColumn, scope.Say("驿站", "Station"), scope.Say("得分", "Score"), scope.Say("星级", "Stars"),
            .. criteria.SelectMany(c => new[] { $"{Name(scope, c, named)} {scope.Say("数值", "value")}", $"{Name(scope, c, named)} {scope.Say("得分/满分", "points/max")}" })];
        object[] Part(AssessmentPart? p) => p is null ? ["—", "—"]
            : [p.Value is { } v ? v : $"{unknown}{Reason(scope, p.Reason)}", p.Value is null ? unknown : string.Create(CultureInfo.InvariantCulture, $"{p.Points:0.##}/{p.Max:0.##}")];
        return ReportsApi.Export(scope with { From = first, To = last }, "assessment", ($"{y} 年度驿站星级考核表", $"Station star assessment {y}"), header,
            rows.Select(r => scope.NetworkCell(r.NetworkId).Concat([r.Name, (object?)r.Score ?? unknown, (object?)r.Stars ?? unknown])
                .Concat(criteria.SelectMany(c => Part(r.Parts.FirstOrDefault(p => p.Criterion == c)))).ToArray()),
            printable: true);
    }

    /// <summary>
    /// Supplies never out, nothing expired: each station's days from the daily supply rollups of its own network (a parent's
    /// report covers its subtree), counted through <paramref name="last"/> (today in the current year).
    /// </summary>
    private static async Task<Dictionary<string, SupplyFacts>> SupplyDays(ISupplyJournal supplies, IEnumerable<StationInfo> stations,
        DateOnly first, DateOnly last, CancellationToken ct)
    {
        var facts = new Dictionary<string, SupplyFacts>(StringComparer.Ordinal);
        foreach (var network in stations.GroupBy(s => s.NetworkId))
        {
            var catalog = await supplies.CatalogAsync(network.Key, ct);
            var days = (catalog.Count == 0 ? [] : await supplies.DaysAsync(network.Key, first, last, ct)).ToLookup(d => d.StationId);
            var receipts = (catalog.Count == 0 ? [] : await supplies.ReceiptsAsync(network.Key, first, last, ct)).ToLookup(r => r.StationId);
            foreach (var s in network)
            {
                facts[s.Id] = SupplyRecord.Of(catalog, days[s.Id].ToList(), receipts[s.Id].ToList(), first, last);
            }
        }
        return facts;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static string Reason(ReportsApi.Scope scope, string? reason) => reason switch
    {
        "no-sessions" => scope.Say("（无开放记录）", " (no opening sessions)"),
        "no-seats" => scope.Say("（未设座位数）", " (no seats set)"),
        "no-ratings" => scope.Say("（无评价）", " (no ratings)"),
        SupplyFacts.NoCatalog => scope.Say("（未设物资目录）", " (no supply catalog)"),
        SupplyFacts.NoRecords => scope.Say("（无物资记录）", " (no supply records)"),
        SupplyFacts.NoDays => scope.Say("（尚无可计天数）", " (no day to count yet)"),
        _ => "",
    };

    private static string Name(ReportsApi.Scope scope, string criterion, AssessmentSettings s) => criterion switch
    {
        AssessmentRules.Hours => scope.Say("按时开放率", "Hours kept"),
        AssessmentRules.Visits => scope.Say("每座位服务人次", "Visits per seat"),
        AssessmentRules.Satisfaction => scope.Say("满意度（平均星级）", "Satisfaction (mean stars)"),
        AssessmentRules.Complaints => scope.Say($"{s.ComplaintDays} 天内解决投诉比例", $"Complaints resolved within {s.ComplaintDays} days"),
        _ => scope.Say("物资不断供、无过期", "Supplies never out, nothing expired"),
    };
}
