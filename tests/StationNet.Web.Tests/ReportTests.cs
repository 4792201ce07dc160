using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>Reports and exports against the journal, on the embedded default.</summary>
public class ReportTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public Task Reports_and_exports_equal_random_events_across_days_midnight_and_voids() => ReportChecks.ReportsEqualTheJournal(app, seed: 11);

    [Fact]
    public Task The_audit_trail_shows_events_and_voids_with_device_and_attendant() => AuditChecks.EventsAndVoidsAreAudited(app, "sample-15");
}

/// <summary>Yearly targets per station and service, and the progress toward them.</summary>
public class TargetTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Progress_counts_the_years_events_against_the_target()
    {
        var year = StationNet.Grains.Catalog.LocalDay.Of(app.Clock.GetUtcNow(), StationNet.Grains.Catalog.LocalDay.Zone("Asia/Shanghai")).Year;
        using (var set = await app.Http.PutAsJsonAsync($"/api/admin/networks/sample/targets/{year}",
            new[] { new { stationId = "sample-02", service = "visit", count = 200 }, new { stationId = "sample-02", service = "water", count = 40 } }))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, set.StatusCode);
        }
        using (var posted = await app.Http.PostEvent("sample-02", new { id = Guid.NewGuid(), service = "visit", quantity = 50 }))
        {
            Assert.True(posted.IsSuccessStatusCode);
        }

        var rows = JsonNode.Parse(await app.Http.GetStringAsync($"/api/reports/targets?networkId=sample&year={year}"))!.AsArray();

        var visit = rows.Single(r => (string?)r!["service"] == "visit")!;
        Assert.Equal(200, visit["target"]!.GetValue<int>());
        Assert.Equal(50, visit["actual"]!.GetValue<int>());
        Assert.Equal(25.0, visit["progress"]!.GetValue<double>());
        Assert.Equal(0, rows.Single(r => (string?)r!["service"] == "water")!["actual"]!.GetValue<int>());
    }

    [Fact]
    public async Task Targets_for_unknown_stations_or_services_not_offered_are_refused()
    {
        using var unknown = await app.Http.PutAsJsonAsync("/api/admin/networks/sample/targets/2026", new[] { new { stationId = "nowhere", service = "visit", count = 1 } });
        using var notOffered = await app.Http.PutAsJsonAsync("/api/admin/networks/sample/targets/2026", new[] { new { stationId = "sample-03", service = "shower", count = 1 } });
        using var negative = await app.Http.PutAsJsonAsync("/api/admin/networks/sample/targets/2026", new[] { new { stationId = "sample-03", service = "visit", count = -5 } });

        await Problem.Assert4xx(unknown, System.Net.HttpStatusCode.BadRequest);
        await Problem.Assert4xx(notOffered, System.Net.HttpStatusCode.BadRequest);
        await Problem.Assert4xx(negative, System.Net.HttpStatusCode.BadRequest);
    }
}

/// <summary>The opening-hours compliance report through the API.</summary>
public class ComplianceReportTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Open_hours_without_a_record_are_reported_for_each_station()
    {
        // sample-02 is open day and night, and judged from 06:00 to 22:00, the hours its attendants keep (a quiet night
        // is no locked door); the app's clock stands at local noon, so hours 6–11 have passed.
        var now = app.Clock.GetUtcNow();
        foreach (var hoursAgo in new[] { 1.5, 2.5 })
        {
            using var r = await app.Http.PostEvent("sample-02", new { id = Guid.NewGuid(), service = "visit", occurredAt = now.AddHours(-hoursAgo) });
            Assert.True(r.IsSuccessStatusCode);
        }

        var report = JsonNode.Parse(await app.Http.GetStringAsync("/api/reports/compliance?networkId=sample&stationId=sample-02"))!.AsArray();

        var station = Assert.Single(report)!;
        Assert.Equal(6, station["openHours"]!.GetValue<int>());
        Assert.Equal(4, station["silentHours"]!.GetValue<int>());
        var silent = station["silent"]![0]!["hours"]!.AsArray().Select(h => h!.GetValue<int>()).ToList();
        Assert.DoesNotContain(9, silent);
        Assert.DoesNotContain(10, silent);
        Assert.DoesNotContain(3, silent); // night
        Assert.Contains(11, silent);
    }
}

/// <summary>The union statistics-return summary, and every report's exports.</summary>
public class YearlyAndExportTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_yearly_summary_counts_visits_services_groups_and_stations()
    {
        var year = StationNet.Grains.Catalog.LocalDay.Of(app.Clock.GetUtcNow(), StationNet.Grains.Catalog.LocalDay.Zone("Asia/Shanghai")).Year;
        int Line(JsonNode yearly, string category) => yearly["lines"]!.AsArray().Single(l => (string?)l!["category"] == category)!["count"]!.GetValue<int>();
        var before = JsonNode.Parse(await app.Http.GetStringAsync($"/api/reports/yearly?networkId=sample&year={year}"))!;
        using (var r = await app.Http.PostEvent("sample-05", new { id = Guid.NewGuid(), service = "visit", quantity = 3, workerGroup = "construction" }))
        {
            Assert.True(r.IsSuccessStatusCode);
        }

        var yearly = JsonNode.Parse(await app.Http.GetStringAsync($"/api/reports/yearly?networkId=sample&year={year}"))!;
        var summary = JsonNode.Parse(await app.Http.GetStringAsync($"/api/reports/summary?networkId=sample&from={year}-01-01&to={year}-12-31"))!;

        Assert.Equal(Line(before, "visits:construction") + 3, Line(yearly, "visits:construction"));
        Assert.Equal(summary["totals"]!["visit"]!.GetValue<int>(), Line(yearly, "visits"));
        Assert.Equal(summary["totals"]!["water"]?.GetValue<int>() ?? 0, Line(yearly, "service:water"));
        Assert.Equal(18, Line(yearly, "stations"));
        Assert.True(Line(yearly, "stationsActive") >= 1);
        var csv = await app.Http.GetByteArrayAsync($"/api/reports/yearly?networkId=sample&year={year}&format=csv");
        var text = System.Text.Encoding.UTF8.GetString(csv[3..]);
        Assert.Contains($"到站服务职工（人次）,{Line(yearly, "visits")}", text);
        var english = System.Text.Encoding.UTF8.GetString((await app.Http.GetByteArrayAsync($"/api/reports/yearly?networkId=sample&year={year}&format=csv&lang=en"))[3..]);
        Assert.StartsWith("Item,Count", english);
        Assert.Contains($"Workers served (visits),{Line(yearly, "visits")}", english);
    }

    [Theory]
    [InlineData("/api/reports/audit?networkId=sample")]
    [InlineData("/api/reports/daily?networkId=sample")]
    [InlineData("/api/reports/compliance?networkId=sample")]
    [InlineData("/api/reports/targets?networkId=sample")]
    public async Task Every_report_exports_the_same_rows_as_csv_and_xlsx(string report)
    {
        using (var r = await app.Http.PostEvent("sample-06", new { id = Guid.NewGuid(), service = "visit", attendant = "陈师傅" }))
        {
            Assert.True(r.IsSuccessStatusCode);
        }
        using (var t = await app.Http.PutAsJsonAsync("/api/admin/networks/sample/targets/" + app.Clock.GetUtcNow().Year, new[] { new { stationId = "sample-06", service = "visit", count = 10 } }))
        {
            Assert.True(t.IsSuccessStatusCode);
        }
        var rows = JsonNode.Parse(await app.Http.GetStringAsync(report))!.AsArray();

        var csv = await app.Http.GetByteArrayAsync(report + "&format=csv");
        var xlsx = await app.Http.GetByteArrayAsync(report + "&format=xlsx");

        Assert.Equal(System.Text.Encoding.UTF8.GetPreamble(), csv[..3]);
        var csvLines = System.Text.Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rows.Count + 1, csvLines.Length);
        using var stream = new MemoryStream(xlsx);
        Assert.Equal(rows.Count, MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, startCell: "A5").Count());
    }
}
