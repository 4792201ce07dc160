using StationNet.Grains.Access;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using StationNet.Grains.Catalog;
using StationNet.Grains.Journal;
using StationNet.Grains.Networks;
using StationNet.Grains.Opening;
using StationNet.Grains.Stations;

namespace StationNet.Web.Apis;

/// <summary>The managers' reports beyond counts: targets, the yearly return, compliance, a day by hour, the audit trail.</summary>
public static partial class ReportsApi
{
    public static async Task<Results<Ok<IReadOnlyList<StationCompliance>>, PushStreamHttpResult, ProblemHttpResult>> ComplianceReport(
        HttpRequest request, IGrainFactory grains, IEventJournal journal, IOpeningJournal openings, StationClock time,
        string? networkId, DateOnly? from, DateOnly? to, string? stationId, string? format, CancellationToken ct)
    {
        var (scope, problem) = await Check(request, grains, time, networkId, from, to, stationId, format, MaxDays, "json", "csv", "xlsx");
        if (scope is null)
        {
            return problem!;
        }
        var zone = LocalDay.Zone(scope.Network.TimeZone);
        var now = time.GetUtcNow();
        var active = (await scope.Each(id => journal.ActivityAsync(id, scope.From, scope.To, ct)))
            .GroupBy(a => a.StationId).ToDictionary(g => g.Key, g => (ISet<(DateOnly, int)>)g.Select(a => (a.Day, a.Hour)).ToHashSet());
        var sessions = (await scope.Each(id => openings.SessionsAsync(id, LocalDay.End(scope.From.AddDays(-1), zone), LocalDay.End(scope.To, zone), ct)))
            .GroupBy(s => s.StationId).ToDictionary(g => g.Key, g => (IReadOnlyList<OpeningSession>)g.ToList());
        var tracked = await OpeningTrackedSince(openings, scope.Stations, _ => zone, ct);
        IReadOnlyList<StationCompliance> rows = scope.Stations
            .Where(s => !s.Retired && (scope.StationId is null || s.Id == scope.StationId))
            .Select(s => Compliance.Of(s, scope.From, scope.To, active.GetValueOrDefault(s.Id) ?? new HashSet<(DateOnly, int)>(),
                LocalDay.Of(now, zone), LocalDay.HourOf(now, zone), sessions.GetValueOrDefault(s.Id), zone, tracked.GetValueOrDefault(s.NetworkId)))
            .ToList();
        if (scope.Format == "json")
        {
            return TypedResults.Ok(rows);
        }
        // The table on the manager's page: every station, worst first.
        return Export(scope, "compliance", ("开放时段无记录", "Open by its hours, nothing logged"),
            [scope.Say("驿站", "Station"), scope.Say("开放小时", "Open hours"), scope.Say("无记录小时", "Silent hours"), scope.Say("整天无记录", "Silent days")],
            rows.OrderByDescending(r => r.SilentHours).ThenBy(r => r.StationId, StringComparer.Ordinal).Select(r => new object[] { r.Name, r.OpenHours, r.SilentHours, r.SilentDays }));
    }

    /// <summary>
    /// The local day each network of these stations first had a station opened: opening is tracked from then, and every due
    /// hour after it counts, opened or not (a network that never opened a station has no entry: unknown).
    /// </summary>
    public static async Task<Dictionary<string, DateOnly?>> OpeningTrackedSince(IOpeningJournal openings, IEnumerable<StationInfo> stations,
        Func<string, TimeZoneInfo> zone, CancellationToken ct)
    {
        var since = new Dictionary<string, DateOnly?>(StringComparer.Ordinal);
        foreach (var networkId in stations.Select(s => s.NetworkId).Distinct(StringComparer.Ordinal))
        {
            since[networkId] = await openings.FirstOpenedAsync(networkId, ct) is { } first ? LocalDay.Of(first, zone(networkId)) : null;
        }
        return since;
    }

    /// <summary>The year asked for, or this year in the network's zone; null when out of range.</summary>
    private static int? Year(Scope scope, int? year) => (year ?? scope.From.Year) is var y and >= 2000 and <= 2100 ? y : null;

    public sealed record TargetProgress(string StationId, string Name, string Service, int Target, int Actual, double Progress);

    public static async Task<Results<Ok<IReadOnlyList<TargetProgress>>, PushStreamHttpResult, ProblemHttpResult>> Targets(
        HttpRequest request, IGrainFactory grains, IDailyRollup rollup, StationClock time, string? networkId, int? year, string? format, CancellationToken ct)
    {
        var (scope, problem) = await Check(request, grains, time, networkId, null, null, null, format, 1, "json", "csv", "xlsx");
        if (scope is null)
        {
            return problem!;
        }
        if (Year(scope, year) is not { } y)
        {
            return Problems.Invalid("year is between 2000 and 2100 (年份须在 2000 到 2100 之间)");
        }
        var targets = await scope.Each(id => grains.GetGrain<ITargetsGrain>(TargetsGrain.Key(id, y)).Get());
        var actual = (await scope.Each(id => rollup.SummaryAsync(id, new DateOnly(y, 1, 1), new DateOnly(y, 12, 31), null, ct)))
            .ToDictionary(r => (r.StationId, r.Service), r => r.Count);
        var names = scope.Stations.ToDictionary(s => s.Id, s => s.Name);
        IReadOnlyList<TargetProgress> rows = targets.Select(t =>
        {
            var done = actual.GetValueOrDefault((t.StationId, t.Service));
            return new TargetProgress(t.StationId, names.GetValueOrDefault(t.StationId, t.StationId), t.Service, t.Count, done, Math.Round(100.0 * done / t.Count, 1));
        }).ToList();
        if (scope.Format == "json")
        {
            return TypedResults.Ok(rows);
        }
        var services = scope.Network.Services.ToDictionary(s => s.Id);
        string ServiceName(string id) => services.TryGetValue(id, out var s) ? scope.Say(s.Name, s.NameEn) : id;
        return Export(scope with { From = new DateOnly(y, 1, 1), To = new DateOnly(y, 12, 31) }, "targets", ($"{y} 年度目标", $"Yearly targets {y}"),
            [scope.Say("驿站", "Station"), scope.Say("服务", "Service"), scope.Say("目标", "Target"), scope.Say("已完成", "So far"), scope.Say("完成率 %", "Progress %")],
            rows.Select(r => new object[] { r.Name, ServiceName(r.Service), r.Target, r.Actual, r.Progress }));
    }

    public sealed record YearlyLine(string Category, string Name, string NameEn, int Count);

    public sealed record YearlySummary(string NetworkId, int Year, IReadOnlyList<YearlyLine> Lines);

    /// <summary>
    /// The yearly summary in the categories of a union's statistics return: people served at the stations
    /// (visits), each service given, visits by worker group, and the stations themselves.
    /// </summary>
    public static async Task<Results<Ok<YearlySummary>, PushStreamHttpResult, ProblemHttpResult>> Yearly(
        HttpRequest request, IGrainFactory grains, IDailyRollup rollup, IEventJournal journal, StationClock time, string? networkId, int? year, string? format, CancellationToken ct)
    {
        var (scope, problem) = await Check(request, grains, time, networkId, null, null, null, format, 1, "json", "csv", "xlsx");
        if (scope is null)
        {
            return problem!;
        }
        if (Year(scope, year) is not { } y)
        {
            return Problems.Invalid("year is between 2000 and 2100 (年份须在 2000 到 2100 之间)");
        }
        var (first, last) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
        var totals = await scope.Sum(id => rollup.TotalsAsync(id, first, last, ct));
        var active = (await scope.Each(id => journal.ActivityAsync(id, first, last, ct))).Select(a => a.StationId).ToHashSet();
        var groups = await scope.Sum(id => journal.VisitGroupsAsync(id, first, last, ct));
        var lines = new List<YearlyLine> { new("visits", "到站服务职工（人次）", "Workers served (visits)", totals.GetValueOrDefault("visit")) };
        lines.AddRange(scope.Network.Services.Select(s => new YearlyLine($"service:{s.Id}", $"{s.Name}（次）", s.NameEn, totals.GetValueOrDefault(s.Id))));
        lines.AddRange(ServiceCatalog.WorkerGroups.Select(g => new YearlyLine($"visits:{g.Id}", $"其中：{g.Name}", $"of which: {g.NameEn}", groups.GetValueOrDefault(g.Id))));
        lines.Add(new("stations", "驿站数（个）", "Stations", scope.Stations.Count(s => !s.Retired)));
        lines.Add(new("stationsActive", "全年有服务记录的驿站（个）", "Stations with records this year", scope.Stations.Count(s => active.Contains(s.Id))));
        if (scope.Format == "json")
        {
            return TypedResults.Ok(new YearlySummary(scope.Network.Id, y, lines));
        }
        return Export(scope with { From = first, To = last }, "yearly", ($"{y} 年度统计", $"Yearly statistics {y}"),
            [scope.Say("指标", "Item"), scope.Say("数量", "Count")], lines.Select(l => new object[] { scope.Say(l.Name, l.NameEn), l.Count }));
    }

    public sealed record HourlyReport(string NetworkId, DateOnly Day, string? StationId, IReadOnlyDictionary<string, int[]> Hourly);

    public static async Task<Results<Ok<HourlyReport>, ProblemHttpResult>> Hourly(
        HttpRequest request, IGrainFactory grains, IEventJournal journal, StationClock time, string? networkId, DateOnly? day, string? stationId, CancellationToken ct)
    {
        var (scope, problem) = await Check(request, grains, time, networkId, day, day, stationId, null, 1, "json");
        if (scope is null)
        {
            return problem!;
        }
        var days = scope.StationId is null
            ? await scope.Each(id => journal.LoadNetworkDayAsync(id, scope.From, ct))
            : [await journal.LoadStationDayAsync(scope.StationId, scope.From, ct)];
        var hourly = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (service, hours) in days.SelectMany(d => d.Hourly))
        {
            var sum = hourly.TryGetValue(service, out var h) ? h : hourly[service] = new int[24];
            for (var i = 0; i < 24; i++)
            {
                sum[i] += hours[i];
            }
        }
        return TypedResults.Ok(new HourlyReport(scope.Network.Id, scope.From, scope.StationId, hourly));
    }

    public const int MaxAuditLines = 1000;

    /// <summary>An audit line with the tablet's name beside its id (a signed-in person's device is their user name).</summary>
    public sealed record AuditLine(Guid EventId, string Kind, string StationId, string Service, int Quantity, DateTimeOffset OccurredAt,
        DateTimeOffset RecordedAt, DateOnly Day, string? Attendant, string? WorkerGroup, string? Device, string? DeviceName);

    public static async Task<Results<Ok<IReadOnlyList<AuditLine>>, PushStreamHttpResult, ProblemHttpResult>> Audit(
        HttpRequest request, IGrainFactory grains, IEventJournal journal, StationClock time,
        string? networkId, DateOnly? from, DateOnly? to, string? stationId, string? device, string? kind, DateTimeOffset? before, int? limit, string? format, CancellationToken ct)
    {
        var (scope, problem) = await Check(request, grains, time, networkId, from, to, stationId, format, MaxSummaryDays, "json", "csv", "xlsx");
        if (scope is null)
        {
            return problem!;
        }
        if (kind is not (null or "event" or "void"))
        {
            return Problems.Invalid("kind is event or void (kind 只能是 event 或 void)");
        }
        if (limit is < 1 or > MaxAuditLines)
        {
            return Problems.Invalid($"limit is between 1 and {MaxAuditLines} (limit 须在 1 到 {MaxAuditLines} 之间)");
        }
        if (device is { Length: > JournalLimits.Device })
        {
            return Problems.Invalid($"device is at most {JournalLimits.Device} characters (设备标识过长)");
        }
        // Newest first across the subtree: each network's newest, merged, then cut to the limit.
        var entries = (await scope.Each(id => journal.AuditAsync(new AuditQuery(id, scope.From, scope.To, scope.StationId, device, kind, before, limit ?? 200), ct)))
            .OrderByDescending(e => e.RecordedAt).ThenBy(e => e.EventId).Take(limit ?? 200).ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in entries.Select(e => e.Device).OfType<string>().Distinct())
        {
            names[id] = (await grains.GetGrain<IDeviceGrain>(id).GetInfo())?.Name ?? id;
        }
        IReadOnlyList<AuditLine> lines = entries.Select(e => new AuditLine(e.EventId, e.Kind, e.StationId, e.Service, e.Quantity, e.OccurredAt, e.RecordedAt,
            e.Day, e.Attendant, e.WorkerGroup, e.Device, e.Device is null ? null : names[e.Device])).ToList();
        if (scope.Format == "json")
        {
            return TypedResults.Ok(lines);
        }
        return Export(scope, "audit", ("记录审计", "Audit trail"), ["recordedAt", "kind", "eventId", "stationId", "service", "quantity", "occurredAt", "day", "attendant", "workerGroup", "device", "deviceName"],
            lines.Select(l => new object[] { l.RecordedAt.ToString("O"), l.Kind, l.EventId.ToString(), l.StationId, l.Service, l.Quantity, l.OccurredAt.ToString("O"),
                l.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.Attendant ?? "", l.WorkerGroup ?? "", l.Device ?? "", l.DeviceName ?? "" }));
    }
}
