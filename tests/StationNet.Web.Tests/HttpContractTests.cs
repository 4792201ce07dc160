using System.Net;
using System.Text;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using StationNet.Silo.Hosting;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>The HTTP contract on the embedded default.</summary>
public class HttpContractTests(AppFixture app) : HttpContract(app, onPostgres: false), IClassFixture<AppFixture>;

/// <summary>The same contract, test for test, on PostgreSQL.</summary>
public class HttpContractTestsOnPostgres(PostgresAppFixture pg) : HttpContract(pg.App, onPostgres: true), IClassFixture<PostgresAppFixture>;

/// <summary>What an outside client relies on, whichever storage the silo runs on.</summary>
public abstract class HttpContract(StationNetApp app, bool onPostgres)
{
    private HttpClient Http => app.Http;

    [Fact]
    public async Task Networks_lists_the_sample_network()
    {
        var list = (await Http.GetNode("/api/networks")).AsArray();
        var sample = list.Single(n => (string?)n!["id"] == "sample")!;
        Assert.Equal("Asia/Shanghai", (string?)sample["timeZone"]);
        Assert.True((bool)sample["isSample"]!);
        Assert.Contains("示例", (string?)sample["name"]);
    }

    [Fact]
    public async Task A_network_has_its_catalog_and_its_18_stations()
    {
        var network = await Http.GetNode("/api/networks/sample");
        var services = network["services"]!.AsArray().Select(s => (string?)s!["id"]).ToList();
        Assert.Equal(["visit", "water", "meal", "charging", "shower", "haircut", "firstaid", "giveaway"], services);
        Assert.All(network["services"]!.AsArray(), s => Assert.False(string.IsNullOrEmpty((string?)s!["nameEn"])));
        var stations = network["stations"]!.AsArray();
        Assert.Equal(18, stations.Count);
        Assert.All(stations, s => Assert.StartsWith("示例", (string?)s!["name"]));
        Assert.NotNull(stations[0]!["openingHours"]!["opens"]);
    }

    [Fact]
    public async Task Posting_counts_once_and_a_resend_is_a_duplicate()
    {
        var before = await Http.GetNode("/api/stations/sample-01");
        var id = Guid.NewGuid();

        using var first = await Http.PostEvent("sample-01", new { id, service = "haircut" });
        using var again = await Http.PostEvent("sample-01", new { id, service = "haircut" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal($"/api/stations/sample-01/events/{id}", first.Headers.Location?.OriginalString);
        var counted = await first.ReadNode();
        Assert.False((bool)counted["duplicate"]!);
        Assert.Equal(before["counts"].Count("haircut") + 1, counted["counts"].Count("haircut"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var duplicate = await again.ReadNode();
        Assert.True((bool)duplicate["duplicate"]!);
        Assert.Equal(counted["counts"].Count("haircut"), duplicate["counts"].Count("haircut"));
        var station = await Http.GetNode("/api/stations/sample-01");
        Assert.Equal(counted["counts"].Count("haircut"), station["counts"].Count("haircut"));
        Assert.Equal(counted["day"]!.ToString(), station["day"]!.ToString());
    }

    [Fact]
    public async Task The_same_id_for_another_event_is_a_409_problem_and_changes_nothing()
    {
        var id = Guid.NewGuid();
        var at = app.Clock.GetUtcNow().AddMinutes(-3);
        using var first = await Http.PostEvent("sample-07", new { id, service = "water", quantity = 2, occurredAt = at });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var here = await Http.GetNode("/api/stations/sample-07");
        var there = await Http.GetNode("/api/stations/sample-08");

        var others = new (string Station, object Body, string Differs)[]
        {
            ("sample-08", new { id, service = "water", quantity = 2, occurredAt = at }, "station"),
            ("sample-07", new { id, service = "visit", quantity = 2, occurredAt = at }, "service"),
            ("sample-07", new { id, service = "water", quantity = 3, occurredAt = at }, "quantity"),
            ("sample-07", new { id, service = "water", quantity = 2, occurredAt = at.AddSeconds(-1) }, "occurredAt"),
        };
        foreach (var (station, body, differs) in others)
        {
            using var response = await Http.PostEvent(station, body);
            var detail = await Problem.Assert4xx(response, HttpStatusCode.Conflict);
            Assert.Contains(differs, detail);
            Assert.Contains("新记录须使用新的 id", detail);
        }
        using var same = await Http.PostEvent("sample-07", new { id, service = "water", quantity = 2, occurredAt = at });
        using var sameNoTime = await Http.PostEvent("sample-07", new { id, service = "water", quantity = 2 });

        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.True((bool)(await same.ReadNode())["duplicate"]!);
        Assert.Equal(HttpStatusCode.OK, sameNoTime.StatusCode);
        Assert.Equal(here["counts"]!.ToJsonString(), (await Http.GetNode("/api/stations/sample-07"))["counts"]!.ToJsonString());
        Assert.Equal(there["counts"]!.ToJsonString(), (await Http.GetNode("/api/stations/sample-08"))["counts"]!.ToJsonString());
    }

    [Fact]
    public async Task Optional_fields_are_kept_and_quantity_counts()
    {
        var before = await Http.GetNode("/api/stations/sample-02");
        using var response = await Http.PostEvent("sample-02", new
        {
            id = Guid.NewGuid(), service = "water", quantity = 7, occurredAt = app.Clock.GetUtcNow().AddMinutes(-10),
            attendant = "李师傅", workerGroup = "sanitation",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(before["counts"].Count("water") + 7, (await response.ReadNode())["counts"].Count("water"));
    }

    [Fact]
    public async Task A_void_is_idempotent_and_takes_the_count_off()
    {
        var id = Guid.NewGuid();
        using var posted = await Http.PostEvent("sample-04", new { id, service = "meal", quantity = 2 });
        var counted = (await posted.ReadNode())["counts"].Count("meal");

        using var first = await Http.DeleteAsync($"/api/stations/sample-04/events/{id}");
        using var second = await Http.DeleteAsync($"/api/stations/sample-04/events/{id}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var voided = await first.ReadNode();
        Assert.True((bool)voided["voided"]!);
        Assert.False((bool)voided["alreadyVoided"]!);
        Assert.Equal(counted - 2, voided["counts"].Count("meal"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True((bool)(await second.ReadNode())["alreadyVoided"]!);
        Assert.Equal(counted - 2, (await Http.GetNode("/api/stations/sample-04"))["counts"].Count("meal"));
    }

    [Fact]
    public async Task Voiding_an_unknown_event_is_a_404_problem()
    {
        using var response = await Http.DeleteAsync($"/api/stations/sample-04/events/{Guid.NewGuid()}");
        await Problem.Assert4xx(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_live_snapshot_has_the_contract_shape()
    {
        using var posted = await Http.PostEvent("sample-05", new { id = Guid.NewGuid(), service = "visit" });
        var live = await Http.GetNode("/api/networks/sample/live");
        Assert.Equal("sample", (string?)live["networkId"]);
        Assert.True(DateOnly.TryParse((string?)live["day"], out _));
        Assert.True(live["version"]!.GetValue<long>() > 0);
        Assert.NotNull(live["totals"]);
        var station = live["stations"]!.AsArray().Single(s => (string?)s!["stationId"] == "sample-05")!;
        Assert.False(string.IsNullOrEmpty((string?)station["name"]));
        Assert.True(station["counts"].Count("visit") >= 1);
        Assert.NotNull(station["lastEventAt"]);
        Assert.True(live["totals"].Count("visit") >= station["counts"].Count("visit"));
    }

    [Fact]
    public async Task The_daily_report_comes_as_json_rows_and_as_excel_ready_csv()
    {
        var day = (string)(await Http.GetNode("/api/stations/sample-06"))["day"]!;
        using var posted = await Http.PostEvent("sample-06", new { id = Guid.NewGuid(), service = "shower", quantity = 3 });

        var rows = (await Http.GetNode($"/api/reports/daily?networkId=sample&from={day}&to={day}&stationId=sample-06")).AsArray();
        var shower = rows.Single(r => (string?)r!["service"] == "shower")!;
        Assert.Equal(day, (string?)shower["day"]);
        Assert.Equal("sample-06", (string?)shower["stationId"]);
        Assert.Equal(3, shower["count"]!.GetValue<int>());

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/daily?networkId=sample&from={day}&to={day}");
        request.Headers.Accept.ParseAdd("text/csv");
        using var csv = await Http.SendAsync(request);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("day,stationId,station,service,serviceName,count", lines[0]);
        Assert.Contains($"{day},sample-06,示例·物流园驿站,shower,淋浴,3", lines);

        using var byFormat = await Http.GetAsync($"/api/reports/daily?networkId=sample&from={day}&to={day}&format=csv");
        Assert.Equal(bytes, await byFormat.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_daily_report_pages_by_cursor_to_exactly_the_whole_range()
    {
        var day = (string)(await Http.GetNode("/api/stations/sample-11"))["day"]!;
        foreach (var (station, service) in new[] { ("sample-11", "visit"), ("sample-11", "water"), ("sample-12", "meal"), ("sample-13", "visit"), ("sample-13", "charging") })
        {
            using var posted = await Http.PostEvent(station, new { id = Guid.NewGuid(), service });
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }
        var whole = (await Http.GetNode($"/api/reports/daily?networkId=sample&from={day}&to={day}")).AsArray().Select(r => r!.ToJsonString()).ToList();

        var paged = new List<string>();
        var url = $"/api/reports/daily?networkId=sample&from={day}&to={day}&limit=2";
        for (var pages = 0; url is not null; pages++)
        {
            Assert.True(pages <= whole.Count, "the pages never end");
            using var page = await Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var rows = (await page.ReadNode()).AsArray();
            Assert.InRange(rows.Count, 1, 2);
            paged.AddRange(rows.Select(r => r!.ToJsonString()));
            var link = page.Headers.TryGetValues("Link", out var links) ? links.Single() : null;
            url = link?[(link.IndexOf('<') + 1)..link.IndexOf('>')];
        }

        Assert.True(whole.Count >= 5, $"only {whole.Count} rows");
        Assert.Equal(whole, paged);
        using var badCursor = await Http.GetAsync($"/api/reports/daily?networkId=sample&limit=2&after=not-a-cursor");
        await Problem.Assert4xx(badCursor, HttpStatusCode.BadRequest);
        using var badLimit = await Http.GetAsync($"/api/reports/daily?networkId=sample&limit=0");
        await Problem.Assert4xx(badLimit, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var doc = await Http.GetNode("/openapi/v1.json");
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/stations/{stationId}/events", paths);
        Assert.Contains("/api/networks/{networkId}/live", paths);
        Assert.Contains("/api/reports/daily", paths);
    }

    [Fact]
    public async Task The_three_pages_are_served()
    {
        foreach (var page in new[] { "/station/sample-01", "/wall/sample", "/manage", "/" })
        {
            using var response = await Http.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<script type=\"module\"", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_about_says_whether_data_is_kept_and_each_app_has_its_own_silo_ports()
    {
        var about = await Http.GetNode("/api/about");
        Assert.Equal(onPostgres, (bool)about["dataKept"]!);
        var settings = app.Services.GetRequiredService<StationNetSettings>();
        Assert.NotEqual(11111, settings.Orleans.SiloPort);
        Assert.False(settings.Simulator.Enabled);
    }

    [Fact]
    public async Task A_daily_export_longer_than_a_page_streams_every_row_once_in_order()
    {
        // A network of its own with 3 stations × 3 services × 300 days of history: 2,700 daily rows, more than one
        // page of the rollup the export reads at a time.
        var network = "export-" + (onPostgres ? "pg" : "mem");
        using (var created = await Http.PostAsJsonAsync("/api/admin/networks", new { id = network, name = "导出测试", nameEn = "Export test", timeZone = "Asia/Shanghai" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        string[] services = ["visit", "water", "meal"];
        for (var s = 1; s <= 3; s++)
        {
            using var station = await Http.PostAsJsonAsync($"/api/admin/networks/{network}/stations", new
            {
                id = $"{network}-{s}", name = $"导出驿站 {s}", township = "测试区", services, openingHours = new { opens = "08:00", closes = "20:00" }, seats = 4,
            });
            Assert.Equal(HttpStatusCode.Created, station.StatusCode);
        }
        var last = new DateOnly(2026, 6, 30);
        var first = last.AddDays(-299);
        var events = Enumerable.Range(0, 300).SelectMany(d => Enumerable.Range(1, 3).SelectMany(s => services.Select((service, k) =>
        {
            var day = first.AddDays(d);
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
            return new StationNet.Grains.Journal.JournalEntry(Guid.NewGuid(), network, $"{network}-{s}", service, 1 + (d + s + k) % 5, at, at, day, 10, null, null, null);
        }))).ToList();
        Assert.NotNull(await app.Services.GetRequiredService<StationNet.Grains.Journal.IEventJournal>().ImportHistoryAsync(network, events));
        Assert.True(events.Count > ReportsApiPage);

        var query = $"/api/reports/daily?networkId={network}&from={first:yyyy-MM-dd}&to={last:yyyy-MM-dd}";
        var rows = (await Http.GetNode(query)).AsArray();
        using var csv = await Http.GetAsync(query + "&format=csv");
        using var xlsx = await Http.GetAsync(query + "&format=xlsx");

        Assert.Equal(events.Count, rows.Count);
        var lines = Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rows.Count + 1, lines.Length);
        var expected = rows.Select(r => $"{(string?)r!["day"]},{(string?)r["stationId"]},{(string?)r["service"]},{(int)r["count"]!}")
            .Order(StringComparer.Ordinal).ToList();
        var written = lines.Skip(1).Select(l => l.Split(',')).Select(c => $"{c[0]},{c[1]},{c[3]},{c[5]}").ToList();
        Assert.Equal(expected, written); // every row once, in (day, station, service) order
        Assert.Equal(events.Sum(e => e.Quantity), written.Sum(l => int.Parse(l.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var book = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var sheet = MiniExcelLibs.MiniExcel.Query(book, useHeaderRow: true, startCell: "A5").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(rows.Count, sheet.Count);
        Assert.Equal(events.Sum(e => e.Quantity), sheet.Sum(r => Convert.ToInt32(r["count"], System.Globalization.CultureInfo.InvariantCulture)));
    }

    private const int ReportsApiPage = StationNet.Web.Apis.ReportsApi.ExportPage;
}
