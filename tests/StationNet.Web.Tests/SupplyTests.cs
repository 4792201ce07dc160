using System.Net;
using System.Net.Http.Json;
using StationNet.Tests;

namespace StationNet.Web.Tests;

public sealed class SupplyAppFixture() : StationNetApp();

/// <summary>Supplies on the embedded default (SupplyStorageTests runs the same on PostgreSQL).</summary>
public class SupplyTests(SupplyAppFixture app) : IClassFixture<SupplyAppFixture>
{
    [Fact]
    public Task Movements_count_once_and_a_conflicting_resend_is_refused() => SupplyChecks.MovementsCountOnceAndAConflictingResendIsRefused(app);

    [Fact]
    public Task Linked_taps_and_their_voids_move_stock() => SupplyChecks.LinkedTapsAndVoidsMoveStock(app);

    [Fact]
    public Task A_movement_is_undone_once_and_every_sum_takes_it_back() => SupplyChecks.AMovementIsUndoneOnceAndEverySumTakesItBack(app);

    [Fact]
    public Task Batches_leave_first_expiring_first() => SupplyChecks.BatchesExpireFirstExpiringFirst(app);

    [Fact]
    public async Task The_report_adds_up_for_random_movement_sequences()
    {
        await SupplyChecks.ReportAddsUpForRandomMovements(app, seed: 19, days: 4, perDay: 25);
    }

    [Fact]
    public async Task A_bad_catalog_is_refused_naming_the_field()
    {
        var cases = new (string Field, object Body)[]
        {
            ("items[0].id", new[] { new { id = "Water Bottle", name = "水", nameEn = "Water", unit = "瓶", expires = false, lowAt = 1 } }),
            ("items[0].name", new[] { new { id = "w", name = new string('长', 41), nameEn = "Water", unit = "瓶", expires = false, lowAt = 1 } }),
            ("items[0].unit", new[] { new { id = "w", name = "水", nameEn = "Water", unit = "", expires = false, lowAt = 1 } }),
            ("items[0].unitEn", new[] { new { id = "w", name = "水", nameEn = "Water", unit = "瓶", unitEn = new string('b', 17), expires = false, lowAt = 1 } }),
            ("items[0].lowAt", new[] { new { id = "w", name = "水", nameEn = "Water", unit = "瓶", expires = false, lowAt = -1 } }),
            ("items[0].service", new[] { new { id = "w", name = "水", nameEn = "Water", unit = "瓶", expires = false, lowAt = 1, service = "spa" } }),
            ("items[1].id", new[] { new { id = "w", name = "水", nameEn = "Water", unit = "瓶", expires = false, lowAt = 1 }, new { id = "w", name = "水", nameEn = "Water", unit = "瓶", expires = false, lowAt = 1 } }),
        };
        foreach (var (field, body) in cases)
        {
            using var put = await app.Http.PutAsJsonAsync("/api/admin/networks/sample/supplies", body);
            Assert.Contains(field, await Problem.Assert4xx(put, HttpStatusCode.BadRequest));
        }
        using var unknown = await app.Http.PutAsJsonAsync("/api/admin/networks/nowhere/supplies", Array.Empty<object>());
        await Problem.Assert4xx(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_supplies_report_exports_csv_and_xlsx()
    {
        await SupplyChecks.SetCatalog(app);
        using var csv = await app.Http.GetAsync("/api/reports/supplies?networkId=sample&format=csv&lang=en");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("Station,Item,Unit,Opening,Received,Handed out,Discarded,Count adjustment,Closing", text.TrimStart('\uFEFF'));
        Assert.Contains("Bottled water", text);
        using var xlsx = await app.Http.GetAsync("/api/reports/supplies?networkId=sample&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);
    }
}
