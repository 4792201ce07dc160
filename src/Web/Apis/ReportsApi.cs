using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using StationNet.Grains.Catalog;
using StationNet.Grains.Journal;

namespace StationNet.Web.Apis;

public static class ReportsApi
{
    /// <summary>The longest range one report covers; a year and a day, so a leap year fits.</summary>
    public const int MaxDays = 366;

    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Auth.Access.ManagerPolicy);
        api.MapGet("/daily", Daily).WithName("DailyReport")
            .WithSummary("Daily counts per station and service over a range of local days; CSV with Accept: text/csv or format=csv");
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<DailyCount>>, FileContentHttpResult, ProblemHttpResult>> Daily(
        HttpRequest request, IGrainFactory grains, IDailyRollup rollup, TimeProvider time,
        string? networkId, DateOnly? from, DateOnly? to, string? stationId, string? format, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(networkId))
        {
            return Problems.Invalid("networkId is required (缺少 networkId)");
        }
        if (await NetworksApi.FindNetwork(networkId, grains) is not { } network)
        {
            return NetworksApi.NetworkNotFound(networkId);
        }
        if (format is not (null or "json" or "csv"))
        {
            return Problems.Invalid("format must be json or csv (format 只能是 json 或 csv)");
        }
        var info = (await network.GetInfo())!;
        var stations = await network.GetStations();
        if (stationId is not null && stations.All(s => s.Id != stationId))
        {
            return Problems.NotFound("Station", stationId, "该网络中的驿站");
        }
        var first = from ?? LocalDay.Of(time.GetUtcNow(), LocalDay.Zone(info.TimeZone));
        var last = to ?? first;
        if (last < first)
        {
            return Problems.Invalid("to must not be before from (结束日期不能早于开始日期)");
        }
        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            return Problems.Invalid($"a report covers at most {MaxDays} days (报表最多覆盖 {MaxDays} 天)");
        }
        var rows = await rollup.QueryAsync(networkId, first, last, stationId, ct);
        var wantsCsv = format == "csv" || (format is null && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)));
        if (!wantsCsv)
        {
            return TypedResults.Ok(rows);
        }
        var names = stations.ToDictionary(s => s.Id, s => s.Name);
        return TypedResults.File(Csv(rows, names, info.Services), "text/csv; charset=utf-8", $"stationnet-{networkId}-{first:yyyyMMdd}-{last:yyyyMMdd}.csv");
    }

    /// <summary>UTF-8 with a byte-order mark, so Excel shows the Chinese names correctly.</summary>
    private static byte[] Csv(IReadOnlyList<DailyCount> rows, Dictionary<string, string> stationNames, IReadOnlyList<ServiceKind> services)
    {
        var serviceNames = services.ToDictionary(s => s.Id, s => s.Name);
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var header in new[] { "day", "stationId", "station", "service", "serviceName", "count" })
            {
                csv.WriteField(header);
            }
            csv.NextRecord();
            foreach (var r in rows)
            {
                csv.WriteField(r.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                csv.WriteField(r.StationId);
                csv.WriteField(stationNames.GetValueOrDefault(r.StationId, r.StationId));
                csv.WriteField(r.Service);
                csv.WriteField(serviceNames.GetValueOrDefault(r.Service, r.Service));
                csv.WriteField(r.Count);
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }
}
