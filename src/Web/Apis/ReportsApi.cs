using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using StationNet.Grains.Catalog;
using StationNet.Grains.Journal;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;

namespace StationNet.Web.Apis;

public sealed record SummaryStation(string StationId, string Name, IReadOnlyDictionary<string, int> Counts, int Total)
{
    /// <summary>The network the station belongs to (on a parent's report, stations come from several).</summary>
    public string? NetworkId { get; init; }
}

/// <summary>A child network's totals on its parent's report (a city on its province's): every station beneath it added up.</summary>
public sealed record SummaryChild(string NetworkId, string Name, string NameEn, IReadOnlyDictionary<string, int> Counts, int Total)
{
    /// <summary>The same days a year before, when the report compares (compare=lastYear).</summary>
    public int? LastYear { get; init; }
}

public sealed record SummaryPeriod(DateOnly From, DateOnly To, IReadOnlyList<SummaryStation> Stations, IReadOnlyDictionary<string, int> Totals, int Total);

public sealed record SummaryReport(string NetworkId, DateOnly From, DateOnly To, IReadOnlyList<string> Services, IReadOnlyList<SummaryStation> Stations,
    IReadOnlyDictionary<string, int> Totals, int Total, SummaryPeriod? LastYear)
{
    /// <summary>On a parent network: the totals of each child network. Its stations are listed only with <c>detail=stations</c>.</summary>
    public IReadOnlyList<SummaryChild> Children { get; init; } = [];
}

public static partial class ReportsApi
{
    /// <summary>The longest range of daily rows one report returns; a year and a day, so a leap year fits.</summary>
    public const int MaxDays = 366;

    /// <summary>Totals over a range may span years: ten of them.</summary>
    public const int MaxSummaryDays = 3660;

    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Auth.Access.ManagerPolicy);
        api.MapGet("/daily", Daily).WithName("DailyReport")
            .WithSummary("Daily counts per station and service over a range of local days; CSV with Accept: text/csv or format=csv; limit and after page the JSON by cursor (Link rel=next)");
        api.MapGet("/summary", Summary).WithName("SummaryReport")
            .WithSummary("Totals per station and service over a range, with totals; compare=lastYear adds the same days a year before; format=csv or xlsx to export");
        api.MapGet("/compliance", ComplianceReport).WithName("ComplianceReport")
            .WithSummary("Opening-hours compliance: per station, the hours and days it was open by its hours but logged nothing");
        api.MapGet("/yearly", Yearly).WithName("YearlySummary")
            .WithSummary("The year in the categories of a union's statistics return: visits, each service, visits by worker group, stations");
        api.MapGet("/targets", Targets).WithName("TargetsReport")
            .WithSummary("Yearly targets per station and service with the year's count so far and progress");
        api.MapGet("/hourly", Hourly).WithName("HourlyReport")
            .WithSummary("One local day's counts by hour and service, from the journal (events less voids)");
        api.MapGet("/hours", Hours).WithName("HoursReport")
            .WithSummary("Per station, the counts in each local hour of the day summed over a range of days (events less voids, every service)");
        api.MapGet("/supplies", Supplies).WithName("SuppliesReport")
            .WithSummary("Per station and supply item over a range: opening, received, handed out, discarded, count adjustments, closing; format=csv or xlsx to export");
        api.MapGet("/audit", Audit).WithName("AuditTrail")
            .WithSummary("The audit trail of events and voids with device, attendant and times, newest first; filters: stationId, device, kind, before (paging)");
        return api;
    }

    /// <summary>
    /// Any report's table as CSV (UTF-8 with BOM) or .xlsx: the same rows and numbers as the JSON. The workbook opens
    /// with title lines (which report, which network, which days, when made and by whom) above the table.
    /// Both are streamed: CSV straight to the response as rows arrive, the workbook through a file spool (its zip
    /// is not written strictly forwards), so memory stays flat however many rows a year of daily counts has.
    /// </summary>
    internal static PushStreamHttpResult Export(Scope scope, string report, (string Zh, string En) title, string[] header, IAsyncEnumerable<object[]> rows,
        string? range = null, bool printable = false)
    {
        var file = $"stationnet-{report}-{scope.Network.Id}-{scope.From:yyyyMMdd}-{scope.To:yyyyMMdd}";
        var ct = scope.Aborted;
        if (scope.Format != "xlsx")
        {
            return TypedResults.Stream(body => ReportFiles.WriteCsvAsync(body, header, rows, ct), "text/csv; charset=utf-8", file + ".csv");
        }
        var days = range ?? $"{scope.From:yyyy-MM-dd} — {scope.To:yyyy-MM-dd}";
        var made = scope.MadeAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        string[] lines =
        [
            $"{scope.Say(title.Zh, title.En)} · {scope.Say(scope.Network.Name, scope.Network.NameEn)}",
            scope.Say($"范围：{days}", $"Range: {days}"),
            scope.Say($"生成：{made}（{scope.Network.TimeZone}），{scope.By}", $"Made {made} ({scope.Network.TimeZone}) by {scope.By}"),
        ];
        return TypedResults.Stream(async body =>
        {
            await using var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"stationnet-{report}-{Guid.NewGuid():N}.xlsx"),
                FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await ReportSheet.WriteXlsxAsync(spool, lines, header, rows, ct, printable);
            spool.Position = 0;
            await spool.CopyToAsync(body, ct);
        }, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file + ".xlsx");
    }

    internal static PushStreamHttpResult Export(Scope scope, string report, (string Zh, string En) title, string[] header, IEnumerable<object[]> rows,
        string? range = null, bool printable = false) => Export(scope, report, title, header, rows.ToAsyncEnumerable(), range, printable);

    /// <param name="Lang">the language of an export's words (zh or en), as on the manager's screen.</param>
    /// <param name="By">who asked, named in an export's title.</param>
    /// <param name="MadeAt">now in the network's zone, for an export's title.</param>
    /// <param name="Aborted">the request's abort token, for an export written after the handler returned.</param>
    /// <param name="Stations">every station of the network and of the networks beneath it.</param>
    internal sealed record Scope(NetworkInfo Network, IReadOnlyList<StationInfo> Stations, DateOnly From, DateOnly To, string? StationId, string Format,
        string Lang, string By, DateTimeOffset MadeAt, CancellationToken Aborted)
    {
        public IReadOnlyList<string> Networks { get; init; } = [Network.Id];

        public IReadOnlyList<NetworkInfo> Children { get; init; } = [];

        public IReadOnlyDictionary<string, string> ChildOf { get; init; } = new Dictionary<string, string>();

        /// <summary>Every network of the subtree by id, for the names on a parent's rows.</summary>
        public IReadOnlyDictionary<string, NetworkInfo> Named { get; init; } = new Dictionary<string, NetworkInfo>();

        public string Say(string zh, string en) => Lang == "en" ? en : zh;

        /// <summary>An export's network column: there only when rows come from several networks (a parent's report).</summary>
        public string[] NetworkColumn => Networks.Count == 1 ? [] : [Say("网络", "Network")];

        /// <summary>A row's cell under <see cref="NetworkColumn"/>: the network's name in the export's language.</summary>
        public object[] NetworkCell(string? networkId) => Networks.Count == 1 ? []
            : [networkId is not null && Named.TryGetValue(networkId, out var n) ? Say(n.Name, n.NameEn) : networkId ?? ""];

        /// <summary>A query run for every network of the subtree, its rows put together (one network: just its rows).</summary>
        public async Task<List<T>> Each<T>(Func<string, Task<IReadOnlyList<T>>> query) =>
            (await Task.WhenAll(Networks.Select(query))).SelectMany(rows => rows).ToList();

        /// <summary>Totals asked of every network of the subtree, added up.</summary>
        public async Task<Dictionary<string, int>> Sum(Func<string, Task<IReadOnlyDictionary<string, int>>> query)
        {
            var sum = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var part in await Task.WhenAll(Networks.Select(query)))
            {
                foreach (var (key, n) in part)
                {
                    sum[key] = sum.GetValueOrDefault(key) + n;
                }
            }
            return sum;
        }
    }

    /// <summary>Checks what every report takes: a network, a range of days, maybe a station, a format.</summary>
    internal static async Task<(Scope? Scope, ProblemHttpResult? Problem)> Check(HttpRequest request, IGrainFactory grains, StationClock time,
        string? networkId, DateOnly? from, DateOnly? to, string? stationId, string? format, int maxDays, params string[] formats)
    {
        if (string.IsNullOrEmpty(networkId))
        {
            return (null, Problems.Invalid("networkId is required (缺少 networkId)"));
        }
        if (await NetworksApi.FindNetwork(networkId, grains) is not var (network, info))
        {
            return (null, NetworksApi.NetworkNotFound(networkId));
        }
        if (format is not null && !formats.Contains(format))
        {
            return (null, Problems.Invalid($"format must be one of {string.Join(", ", formats)} (导出格式不正确)"));
        }
        var (networks, children, childOf, stations, named) = await Subtree(info, grains);
        if (stationId is not null && stations.All(s => s.Id != stationId))
        {
            return (null, Problems.NotFound("Station", stationId, "该网络中的驿站"));
        }
        var first = from ?? LocalDay.Of(time.GetUtcNow(), LocalDay.Zone(info.TimeZone));
        var last = to ?? first;
        if (last < first)
        {
            return (null, Problems.Invalid("to must not be before from (结束日期不能早于开始日期)"));
        }
        if (last.DayNumber - first.DayNumber + 1 > maxDays)
        {
            return (null, Problems.Invalid($"a report covers at most {maxDays} days (报表最多覆盖 {maxDays} 天)"));
        }
        var lang = request.Query["lang"].ToString();
        if (lang is not ("" or "zh" or "en"))
        {
            return (null, Problems.Invalid("lang is zh or en (lang 只能是 zh 或 en)"));
        }
        var accept = request.GetTypedHeaders().Accept;
        var chosen = format ?? (accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)) ? "csv" : "json");
        var madeAt = TimeZoneInfo.ConvertTime(time.GetUtcNow(), LocalDay.Zone(info.TimeZone));
        var by = request.HttpContext.User.Identity?.Name ?? "—";
        return (new Scope(info, stations, first, last, stationId, chosen, lang == "en" ? "en" : "zh", by, madeAt, request.HttpContext.RequestAborted)
            { Networks = networks, Children = children, ChildOf = childOf, Named = named }, null);
    }

    /// <summary>The network's subtree: every network in it, the children, which child each station lies beneath, every station, and every network's description.</summary>
    private static async Task<(IReadOnlyList<string>, IReadOnlyList<NetworkInfo>, Dictionary<string, string>, List<StationInfo>, Dictionary<string, NetworkInfo>)> Subtree(
        NetworkInfo info, IGrainFactory grains)
    {
        var directory = grains.GetGrain<INetworkDirectoryGrain>(0);
        var networks = await directory.Subtree(info.Id) is { Count: > 0 } ids ? ids : [info.Id];
        var stations = (await Task.WhenAll(networks.Select(id => grains.GetGrain<INetworkGrain>(id).GetStations()))).SelectMany(s => s).ToList();
        var named = networks.Count == 1 ? new Dictionary<string, NetworkInfo>(StringComparer.Ordinal) { [info.Id] = info }
            : (await Task.WhenAll(networks.Select(id => grains.GetGrain<INetworkGrain>(id).GetInfo()))).OfType<NetworkInfo>().ToDictionary(n => n.Id, StringComparer.Ordinal);
        var children = new List<NetworkInfo>();
        var childOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var child in await directory.Children(info.Id))
        {
            children.Add(named[child]);
            var beneath = (await directory.Subtree(child)).ToHashSet(StringComparer.Ordinal);
            foreach (var s in stations.Where(s => beneath.Contains(s.NetworkId)))
            {
                childOf[s.Id] = child;
            }
        }
        return (networks, children, childOf, stations, named);
    }

    public static async Task<Results<Ok<IReadOnlyList<DailyCount>>, PushStreamHttpResult, ProblemHttpResult>> Daily(
        HttpRequest request, IGrainFactory grains, IDailyRollup rollup, StationClock time,
        string? networkId, DateOnly? from, DateOnly? to, string? stationId, string? format, int? limit, string? after, CancellationToken ct)
    {
        var (scope, problem) = await Check(request, grains, time, networkId, from, to, stationId, format, MaxDays, "json", "csv", "xlsx");
        if (scope is null)
        {
            return problem!;
        }
        if (limit is not null || after is not null)
        {
            return await DailyPage(request, rollup, scope, limit, after, ct);
        }
        if (scope.Format == "json")
        {
            IReadOnlyList<DailyCount> rows = await scope.Each(id => rollup.QueryAsync(id, scope.From, scope.To, scope.StationId, ct));
            return TypedResults.Ok(scope.Networks.Count == 1 ? rows : InOrder(rows).ToList());
        }
        // The first page is read before the answer starts, so storage out of reach is still a 503, not a cut file.
        var first = await Page(rollup, scope, null, ExportPage + 1, ct);
        var names = scope.Stations.ToDictionary(s => s.Id, s => s.Name);
        var serviceNames = scope.Network.Services.ToDictionary(s => s.Id, s => s.Name);
        return Export(scope, "daily", ("每日明细", "Daily counts"), ["day", "stationId", "station", "service", "serviceName", "count"],
            DailyPages(rollup, scope, first).Select(r => new object[]
            {
                r.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.StationId, names.GetValueOrDefault(r.StationId, r.StationId),
                r.Service, serviceNames.GetValueOrDefault(r.Service, r.Service), r.Count,
            }));
    }

    /// <summary>How many daily rows an export reads from the rollup at a time.</summary>
    public const int ExportPage = 2000;

    /// <summary>The daily rows of an export, read page by page by cursor, the first page already read.</summary>
    private static async IAsyncEnumerable<DailyCount> DailyPages(IDailyRollup rollup, Scope scope, IReadOnlyList<DailyCount> page)
    {
        while (true)
        {
            foreach (var row in page.Take(ExportPage))
            {
                yield return row;
            }
            if (page.Count <= ExportPage)
            {
                yield break;
            }
            page = await Page(rollup, scope, DailyCursor.After(page[ExportPage - 1]), ExportPage + 1, scope.Aborted);
        }
    }

    public const int MaxPage = 5000;

    /// <summary>
    /// Up to <paramref name="limit"/> daily rows after the cursor, in the rollup's order (day, station, service): over a
    /// subtree, each network's next rows merged, so a province pages and exports like a city.
    /// </summary>
    private static async Task<IReadOnlyList<DailyCount>> Page(IDailyRollup rollup, Scope scope, DailyCursor? after, int limit, CancellationToken ct) =>
        scope.Networks.Count == 1
            ? await rollup.PageAsync(scope.Network.Id, scope.From, scope.To, scope.StationId, after, limit, ct)
            : InOrder(await scope.Each(id => rollup.PageAsync(id, scope.From, scope.To, scope.StationId, after, limit, ct))).Take(limit).ToList();

    private static IEnumerable<DailyCount> InOrder(IEnumerable<DailyCount> rows) =>
        rows.OrderBy(r => r.Day).ThenBy(r => r.StationId, StringComparer.Ordinal).ThenBy(r => r.Service, StringComparer.Ordinal);

    /// <summary>
    /// One page of the daily rows (JSON): at most <c>limit</c> rows after the cursor <c>after</c>; when more follow,
    /// the answer's <c>Link</c> header (rel="next") and <c>X-Next-Cursor</c> say where the next page starts.
    /// </summary>
    private static async Task<Results<Ok<IReadOnlyList<DailyCount>>, PushStreamHttpResult, ProblemHttpResult>> DailyPage(
        HttpRequest request, IDailyRollup rollup, Scope scope, int? limit, string? after, CancellationToken ct)
    {
        if (scope.Format != "json")
        {
            return Problems.Invalid("limit and after page the JSON rows; exports hold the whole range (分页仅适用于 JSON)");
        }
        if (limit is < 1 or > MaxPage)
        {
            return Problems.Invalid($"limit is between 1 and {MaxPage} (limit 须在 1 到 {MaxPage} 之间)");
        }
        var cursor = DailyCursor.Parse(after);
        if (after is not null && cursor is null)
        {
            return Problems.Invalid("after is not a cursor this report gave (after 不是本报表给出的游标)");
        }
        var size = limit ?? MaxPage;
        var rows = await Page(rollup, scope, cursor, size + 1, ct);
        if (rows.Count > size)
        {
            rows = rows.Take(size).ToList();
            var next = DailyCursor.After(rows[^1]).ToString();
            var query = QueryString.Create(request.Query.Where(q => q.Key is not ("after" or "limit")).SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v))))
                .Add("limit", size.ToString(CultureInfo.InvariantCulture)).Add("after", next);
            request.HttpContext.Response.Headers.Link = $"<{request.Path}{query}>; rel=\"next\"";
            request.HttpContext.Response.Headers["X-Next-Cursor"] = next;
        }
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<SummaryReport>, PushStreamHttpResult, ProblemHttpResult>> Summary(
        HttpRequest request, IGrainFactory grains, IDailyRollup rollup, StationClock time,
        string? networkId, DateOnly? from, DateOnly? to, string? stationId, string? format, string? compare, string? detail, CancellationToken ct)
    {
        var (scope, problem) = await Check(request, grains, time, networkId, from, to, stationId, format, MaxSummaryDays, "json", "csv", "xlsx");
        if (scope is null)
        {
            return problem!;
        }
        if (compare is not (null or "lastYear"))
        {
            return Problems.Invalid("compare can only be lastYear (对比只支持 lastYear)");
        }
        if (detail is not (null or "children" or "stations"))
        {
            return Problems.Invalid("detail is children or stations (detail 只能是 children 或 stations)");
        }
        var current = await Period(scope, scope.From, scope.To, rollup, ct);
        var lastYear = compare is null ? null : await Period(scope, scope.From.AddYears(-1), scope.To.AddYears(-1), rollup, ct);
        var services = scope.Network.Services.Select(s => s.Id).ToList();
        // A parent's report is by child network; its stations beneath come on demand (detail=stations, or one stationId).
        var byChild = scope.Children.Count > 0 && detail != "stations" && scope.StationId is null;
        var children = scope.Children.Select(c => ChildTotals(c, scope, current) with { LastYear = lastYear is null ? null : ChildTotals(c, scope, lastYear).Total }).ToList();
        var report = new SummaryReport(scope.Network.Id, scope.From, scope.To, services, byChild ? [] : current.Stations, current.Totals, current.Total,
            lastYear is null || !byChild ? lastYear : lastYear with { Stations = [] }) { Children = children };
        if (scope.Format == "json")
        {
            return TypedResults.Ok(report);
        }
        if (byChild)
        {
            current = current with
            {
                Stations = children.Select(c => new SummaryStation(c.NetworkId, scope.Say(c.Name, c.NameEn), c.Counts, c.Total)).ToList(),
            };
            lastYear = lastYear is null ? null : lastYear with
            {
                Stations = children.Select(c => new SummaryStation(c.NetworkId, c.NetworkId, new Dictionary<string, int>(), c.LastYear ?? 0)).ToList(),
            };
        }
        // The export holds exactly the table the manager sees: a row per station, a column per service, the totals,
        // and, when compared, the same days last year and the change, in the screen's words and language.
        var header = new[] { byChild ? scope.Say("下级网络", "Network") : scope.Say("驿站", "Station") }.Concat(scope.Network.Services.Select(s => scope.Say(s.Name, s.NameEn))).Append(scope.Say("合计", "Total"))
            .Concat(lastYear is null ? Array.Empty<string>() : [scope.Say("去年同期", "Same days last year"), scope.Say("同比", "Change")]).ToArray();
        object[] Line(string name, IReadOnlyDictionary<string, int> counts, int total, int? before) =>
            new object[] { name }.Concat(services.Select(x => (object)counts.GetValueOrDefault(x))).Append(total)
                .Concat(before is { } b ? [b, Change(scope, total, b)] : Array.Empty<object>()).ToArray();
        var table = current.Stations
            .Select(s => Line(s.Name, s.Counts, s.Total, lastYear?.Stations.FirstOrDefault(x => x.StationId == s.StationId)?.Total ?? (lastYear is null ? null : 0)))
            .Append(Line(scope.Say("合计", "Total"), current.Totals, current.Total, lastYear?.Total))
            .ToList();
        var range = $"{scope.From:yyyy-MM-dd} — {scope.To:yyyy-MM-dd}"
            + (lastYear is null ? "" : scope.Say($"，对比去年同期 {lastYear.From:yyyy-MM-dd} — {lastYear.To:yyyy-MM-dd}", $", compared with {lastYear.From:yyyy-MM-dd} — {lastYear.To:yyyy-MM-dd}"));
        return Export(scope, "summary", ("服务统计", "Service counts"), header, table, range);
    }

    /// <summary>A child network's totals: every station beneath it added up.</summary>
    private static SummaryChild ChildTotals(NetworkInfo child, Scope scope, SummaryPeriod period)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in period.Stations.Where(s => scope.ChildOf.GetValueOrDefault(s.StationId) == child.Id))
        {
            foreach (var (service, n) in s.Counts)
            {
                counts[service] = counts.GetValueOrDefault(service) + n;
            }
        }
        return new SummaryChild(child.Id, child.Name, child.NameEn, counts, counts.Values.Sum());
    }

    /// <summary>The change against last year as the screen shows it: +12%, −5%, new (nothing last year) or — (nothing either year).</summary>
    private static string Change(Scope scope, int now, int before)
    {
        if (before == 0)
        {
            return now == 0 ? "—" : scope.Say("新增", "new");
        }
        // Rounded half up, as the page's Math.round does, so screen and file agree to the digit.
        var pct = (int)Math.Floor(100.0 * (now - before) / before + 0.5);
        return string.Create(CultureInfo.InvariantCulture, $"{(pct > 0 ? "+" : "")}{pct}%");
    }

    /// <summary>Every station of the network (or the one asked for) with its totals, stations with nothing included.</summary>
    private static async Task<SummaryPeriod> Period(Scope scope, DateOnly from, DateOnly to, IDailyRollup rollup, CancellationToken ct)
    {
        var rows = await scope.Each(id => rollup.SummaryAsync(id, from, to, scope.StationId, ct));
        var byStation = rows.GroupBy(r => r.StationId).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Service, r => r.Count));
        var stations = scope.Stations.Where(s => scope.StationId is null || s.Id == scope.StationId)
            .Select(s => byStation.TryGetValue(s.Id, out var counts)
                ? new SummaryStation(s.Id, s.Name, counts, counts.Values.Sum()) { NetworkId = s.NetworkId }
                : new SummaryStation(s.Id, s.Name, new Dictionary<string, int>(), 0) { NetworkId = s.NetworkId })
            .ToList();
        var totals = rows.GroupBy(r => r.Service).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        return new SummaryPeriod(from, to, stations, totals, totals.Values.Sum());
    }
}
