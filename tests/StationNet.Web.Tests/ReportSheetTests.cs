using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using StationNet.Grains.Catalog;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>The station × hour report and the workbook's shape: title lines, frozen header, widths, numbers.</summary>
public class ReportSheetTests(AppFixture app) : IClassFixture<AppFixture>
{
    private DateOnly Today => LocalDay.Of(app.Clock.GetUtcNow(), LocalDay.Zone(LocalDay.DefaultTimeZone));

    [Fact]
    public async Task Stations_by_hour_add_up_to_each_stations_total_and_leave_voids_out()
    {
        var yesterday = app.Clock.GetUtcNow().AddDays(-1);
        var voided = Guid.NewGuid();
        foreach (var (id, quantity, at) in new[] { (Guid.NewGuid(), 2, (DateTimeOffset?)null), (Guid.NewGuid(), 3, yesterday), (voided, 5, null) })
        {
            using var posted = await app.Http.PostEvent("sample-11", new { id, service = "water", quantity, occurredAt = at });
            Assert.True(posted.IsSuccessStatusCode);
        }
        using (var undo = await app.Http.DeleteAsync($"/api/stations/sample-11/events/{voided}"))
        {
            Assert.True(undo.IsSuccessStatusCode);
        }
        var scope = $"networkId=sample&from={Today.AddDays(-1):yyyy-MM-dd}&to={Today:yyyy-MM-dd}";

        var hours = await app.Http.GetNode($"/api/reports/hours?{scope}");
        var summary = await app.Http.GetNode($"/api/reports/summary?{scope}");

        var stations = hours["stations"]!.AsArray();
        Assert.Equal(18, stations.Count);
        foreach (var station in stations)
        {
            var total = summary["stations"]!.AsArray().Single(s => (string?)s!["stationId"] == (string?)station!["stationId"])!["total"]!.GetValue<int>();
            Assert.Equal(24, station!["hours"]!.AsArray().Count);
            Assert.Equal(total, station["hours"]!.AsArray().Sum(h => h!.GetValue<int>()));
        }
        var one = await app.Http.GetNode($"/api/reports/hours?{scope}&stationId=sample-11");
        Assert.Equal("sample-11", (string?)Assert.Single(one["stations"]!.AsArray())!["stationId"]);
    }

    [Theory]
    [InlineData("-5%", "-5%")]
    [InlineData("+12%", "+12%")]
    [InlineData("-5%+cmd", "'-5%+cmd")]
    [InlineData("=5%", "'=5%")]
    public void The_change_against_last_year_is_written_as_the_screen_shows_it_and_formulas_still_are_not(string cell, string written) =>
        Assert.Equal(written, StationNet.Web.Apis.ReportFiles.FormulaSafe(cell));

    [Theory]
    [InlineData("/api/reports/hours?networkId=sample&from=2026-05-02&to=2026-05-01")]
    [InlineData("/api/reports/hours?networkId=sample&from=2024-01-01&to=2026-01-01")]
    [InlineData("/api/reports/hours?networkId=sample&stationId=nowhere")]
    [InlineData("/api/reports/summary?networkId=sample&format=xlsx&lang=fr")]
    public async Task A_bad_range_station_or_language_is_a_clear_problem(string url)
    {
        using var response = await app.Http.GetAsync(url);
        var expected = url.Contains("nowhere", StringComparison.Ordinal) ? HttpStatusCode.NotFound : HttpStatusCode.BadRequest;
        await Problem.Assert4xx(response, expected);
    }

    [Fact]
    public async Task The_workbook_opens_with_title_lines_a_frozen_header_fitted_widths_and_numbers_as_numbers()
    {
        var xlsx = await app.Http.GetByteArrayAsync($"/api/reports/summary?networkId=sample&from={Today:yyyy-MM-dd}&to={Today:yyyy-MM-dd}&compare=lastYear&format=xlsx&lang=en");

        using var stream = new MemoryStream(xlsx);
        var cells = MiniExcelLibs.MiniExcel.Query(stream).Cast<IDictionary<string, object>>().ToList();
        Assert.StartsWith("Service counts · ", (string)cells[0]["A"]);
        Assert.Contains($"{Today:yyyy-MM-dd} — {Today:yyyy-MM-dd}", (string)cells[1]["A"]);
        Assert.Contains("compared with", (string)cells[1]["A"]);
        Assert.Contains("by admin", (string)cells[2]["A"]);
        Assert.Equal("Station", cells[4]["A"]);
        Assert.Equal("Change", cells[4].Values.Last());
        Assert.IsType<double>(cells[5]["B"]); // a count, stored as a number
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        using var sheet = new StreamReader(zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.Name.EndsWith(".xml", StringComparison.Ordinal)).Open());
        var xml = await sheet.ReadToEndAsync();
        Assert.Matches("ySplit=\"5\"", xml); // the header stays in view
        Assert.Matches("customWidth=\"1\"", xml);
    }
}
