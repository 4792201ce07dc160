using Microsoft.AspNetCore.Http.HttpResults;
using StationNet.Grains.Supplies;

namespace StationNet.Web.Apis;

/// <summary>One station's movements of one item over the report's days: opening + received − handed out − discarded + adjusted = closing.</summary>
public sealed record SupplyReportRow(string StationId, string Station, string Item, string Name, string NameEn, string Unit,
    int Opening, int Received, int HandedOut, int Discarded, int Adjusted, int Closing, string? UnitEn)
{
    /// <summary>The station's network, whose catalog names the item (on a parent's report, rows come from several).</summary>
    public string? NetworkId { get; init; }
}

public static partial class ReportsApi
{
    /// <summary>
    /// Per station and item: the stock at the start of the first day, what came and went over the days (counts'
    /// adjustments in a column of their own), and the stock at the end of the last. Read from the daily supply
    /// rollup: the opening stock is the sum of every day before the range. On a parent network, every station of
    /// the subtree, each with the items of its own network's catalog.
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<SupplyReportRow>>, PushStreamHttpResult, ProblemHttpResult>> Supplies(
        HttpRequest request, IGrainFactory grains, ISupplyJournal supplies, StationClock time,
        string? networkId, DateOnly? from, DateOnly? to, string? stationId, string? format, CancellationToken ct)
    {
        var (scope, problem) = await Check(request, grains, time, networkId, from, to, stationId, format, MaxSummaryDays, "json", "csv", "xlsx");
        if (scope is null)
        {
            return problem!;
        }
        var catalogs = (await scope.Each(async id => (IReadOnlyList<(string Network, SupplyItem Item)>)(await supplies.CatalogAsync(id, ct)).Select(i => (id, i)).ToList()))
            .ToLookup(c => c.Network, c => c.Item);
        var before = (await scope.Each(id => supplies.TotalsAsync(id, DateOnly.MinValue, scope.From.AddDays(-1), scope.StationId, ct))).ToDictionary(t => (t.StationId, t.Item));
        var during = (await scope.Each(id => supplies.TotalsAsync(id, scope.From, scope.To, scope.StationId, ct))).ToDictionary(t => (t.StationId, t.Item));
        IReadOnlyList<SupplyReportRow> rows = scope.Stations.Where(s => scope.StationId is null || s.Id == scope.StationId)
            .OrderBy(s => scope.Networks.Count == 1 ? "" : s.NetworkId, StringComparer.Ordinal)
            .SelectMany(s => catalogs[s.NetworkId].Where(item => item.Service is null || s.Services.Contains(item.Service)
                    || before.ContainsKey((s.Id, item.Id)) || during.ContainsKey((s.Id, item.Id))).Select(item =>
            {
                var opening = before.GetValueOrDefault((s.Id, item.Id))?.Net ?? 0;
                var days = during.GetValueOrDefault((s.Id, item.Id)) ?? new SupplyTotals(s.Id, item.Id, 0, 0, 0, 0);
                return new SupplyReportRow(s.Id, s.Name, item.Id, item.Name, item.NameEn, item.Unit,
                    opening, days.Received, days.HandedOut, days.Discarded, days.Adjusted, opening + days.Net, item.UnitEn) { NetworkId = s.NetworkId };
            }))
            .ToList();
        if (scope.Format == "json")
        {
            return TypedResults.Ok(rows);
        }
        string[] header =
        [
            .. scope.NetworkColumn, scope.Say("驿站", "Station"), scope.Say("物资", "Item"), scope.Say("单位", "Unit"), scope.Say("期初", "Opening"), scope.Say("入库", "Received"),
            scope.Say("发放", "Handed out"), scope.Say("报废", "Discarded"), scope.Say("盘点调整", "Count adjustment"), scope.Say("期末", "Closing"),
        ];
        return Export(scope, "supplies", ("物资台账", "Supplies"), header, rows.Select(r => scope.NetworkCell(r.NetworkId).Concat(new object[]
        {
            r.Station, scope.Say(r.Name, r.NameEn), scope.Say(r.Unit, r.UnitEn ?? r.Unit), r.Opening, r.Received, r.HandedOut, r.Discarded, r.Adjusted, r.Closing,
        }).ToArray()));
    }
}
