using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using MiniExcelLibs;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>The later reports over a subtree (#21) on the embedded default.</summary>
public class SubtreeReportTests(AppFixture app) : SubtreeReportContract(app), IClassFixture<AppFixture>;

/// <summary>The same, test for test, on PostgreSQL.</summary>
public class SubtreeReportTestsOnPostgres(PostgresAppFixture pg) : SubtreeReportContract(pg.App), IClassFixture<PostgresAppFixture>;

/// <summary>
/// A province with two cities, each with stations, supplies and ratings: the province's supplies, ratings, satisfaction and
/// assessment are its cities' side by side (each row naming its network, in the JSON and in the exports), and an account
/// scoped to one city reads none of its sibling's.
/// </summary>
public abstract class SubtreeReportContract(StationNetApp app)
{
    private const string Province = "sr-prov";
    private static readonly string[] Cities = ["sr-a", "sr-b"];

    private static readonly object[] CatalogA =
    [
        new { id = "sr-water", name = "瓶装水", nameEn = "Bottled water", unit = "瓶", unitEn = "bottles", expires = false, lowAt = 5, service = "water" },
        new { id = "sr-kit", name = "急救包", nameEn = "First-aid kit", unit = "个", expires = false, lowAt = 1 },
    ];

    private static readonly object[] CatalogB =
    [
        new { id = "sr-tea", name = "凉茶", nameEn = "Herbal tea", unit = "杯", unitEn = "cups", expires = false, lowAt = 10 },
    ];

    private static readonly SemaphoreSlim Built = new(1, 1);
    private static readonly HashSet<StationNetApp> Ready = [];

    [Fact]
    public async Task A_province_report_of_supplies_warnings_ratings_satisfaction_and_assessment_is_its_cities_reports_together()
    {
        await Build();

        foreach (var report in new[] { "reports/supplies?networkId={0}", "reports/feedback?networkId={0}", "reports/satisfaction?networkId={0}",
            "reports/assessment?networkId={0}", "networks/{0}/supplies/warnings" })
        {
            var province = (await app.Http.GetNode("/api/" + string.Format(CultureInfo.InvariantCulture, report, Province))).AsArray();
            var cities = new List<JsonNode>();
            foreach (var city in Cities)
            {
                var rows = (await app.Http.GetNode("/api/" + string.Format(CultureInfo.InvariantCulture, report, city))).AsArray();
                Assert.All(rows, r => Assert.Equal(city, (string?)r!["networkId"]));
                cities.AddRange(rows.Select(r => r!));
            }
            Assert.True(cities.Count > 0, $"the cities' {report} reports have rows");
            Assert.Equal(cities.Select(r => r.ToJsonString()).Order(StringComparer.Ordinal), province.Select(r => r!.ToJsonString()).Order(StringComparer.Ordinal));
        }

        // Nothing at sr-a-01 of the kit, nothing at sr-a-02 of the water its visitors drink: both low; sr-b's tea is not.
        var warnings = (await app.Http.GetNode($"/api/networks/{Province}/supplies/warnings")).AsArray();
        Assert.Equal(["sr-a-01/sr-kit", "sr-a-02/sr-water"], warnings.Select(w => $"{w!["stationId"]}/{w["item"]}").Order());
        var supplies = (await app.Http.GetNode($"/api/reports/supplies?networkId={Province}")).AsArray();
        Assert.Equal(30 + 12, supplies.Sum(r => (int)r!["received"]!));
        Assert.Equal(2 + 3, supplies.Sum(r => (int)r!["handedOut"]!)); // two linked water taps in sr-a, three cups of tea handed out in sr-b
        Assert.Equal(["sr-kit", "sr-water"], supplies.Where(r => (string?)r!["networkId"] == "sr-a" && (string)r["stationId"]! == "sr-a-01").Select(r => (string)r!["item"]!).Order());
        Assert.Equal(["sr-tea"], supplies.Where(r => (string?)r!["networkId"] == "sr-b").Select(r => (string)r!["item"]!).Distinct());
        var feedback = (await app.Http.GetNode($"/api/reports/feedback?networkId={Province}")).AsArray();
        Assert.Equal([1, 2, 4, 5], feedback.Select(r => (int)r!["rating"]!)); // low ratings first across both cities
        var assessment = (await app.Http.GetNode($"/api/reports/assessment?networkId={Province}")).AsArray();
        // sr-b weighs visits only: its station is scored by its own city's settings, not sr-a's.
        Assert.Equal(["visits"], assessment.Single(r => (string)r!["stationId"]! == "sr-b-01")!["parts"]!.AsArray().Select(p => (string)p!["criterion"]!));
        Assert.True(assessment.Single(r => (string)r!["stationId"]! == "sr-a-01")!["parts"]!.AsArray().Count > 1);
    }

    [Fact]
    public async Task A_province_export_names_each_rows_network_and_a_city_export_has_no_such_column()
    {
        await Build();

        var provinceCsv = await Csv($"/api/reports/supplies?networkId={Province}&format=csv");
        var cityCsv = await Csv("/api/reports/supplies?networkId=sr-b&format=csv");
        var feedbackCsv = await Csv($"/api/reports/feedback?networkId={Province}&format=csv&lang=en");
        var assessmentXlsx = await app.Http.GetByteArrayAsync($"/api/reports/assessment?networkId={Province}&format=xlsx");

        Assert.Equal(["测试sr-a", "测试sr-a", "测试sr-a", "测试sr-a", "测试sr-b"], provinceCsv.Select(r => (string)r["网络"]).Order());
        Assert.Equal("测试sr-b", (string)provinceCsv.Single(r => (string)r["物资"] == "凉茶")["网络"]);
        Assert.Equal(12, int.Parse((string)provinceCsv.Single(r => (string)r["物资"] == "凉茶")["期末"], CultureInfo.InvariantCulture)); // 12 in, 3 out, counted 12
        Assert.DoesNotContain("网络", cityCsv[0].Keys);
        Assert.Equal(cityCsv.Select(r => (string)r["期末"]), provinceCsv.Where(r => (string)r["网络"] == "测试sr-b").Select(r => (string)r["期末"]));
        Assert.Equal(["Test sr-a", "Test sr-a", "Test sr-b", "Test sr-b"], feedbackCsv.Select(r => (string)r["Network"]).Order());
        using var stream = new MemoryStream(assessmentXlsx);
        var sheet = stream.Query(useHeaderRow: true, startCell: "A5").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["测试sr-a", "测试sr-a", "测试sr-b"], sheet.Select(r => (string)r["网络"]).Order());
        Assert.Equal(["测试sr-a-01驿站", "测试sr-a-02驿站", "测试sr-b-01驿站"], sheet.Select(r => (string)r["驿站"]).Order());
    }

    [Fact]
    public async Task An_account_of_one_city_reads_its_own_reports_and_none_of_its_sibling_or_province()
    {
        await Build();
        using (var created = await app.Http.PostAsJsonAsync("/api/admin/accounts",
            new { username = "sr-a-manager", role = "manager", password = "sr-a-manager-password-1", networkId = "sr-a" }))
        {
            Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)created.StatusCode}");
        }
        using var manager = await Sessions.SignIn(app.BaseAddress, "sr-a-manager", "sr-a-manager-password-1");

        foreach (var report in new[] { "supplies", "feedback", "satisfaction", "assessment" })
        {
            using var own = await manager.GetAsync($"/api/reports/{report}?networkId=sr-a");
            using var ownCsv = await manager.GetAsync($"/api/reports/{report}?networkId=sr-a&format=csv");
            using var sibling = await manager.GetAsync($"/api/reports/{report}?networkId=sr-b");
            using var siblingCsv = await manager.GetAsync($"/api/reports/{report}?networkId=sr-b&format=csv");
            using var province = await manager.GetAsync($"/api/reports/{report}?networkId={Province}");

            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.All((await own.ReadNode()).AsArray(), r => Assert.Equal("sr-a", (string?)r!["networkId"]));
            Assert.Equal(HttpStatusCode.OK, ownCsv.StatusCode);
            Assert.Contains("超出账户所辖网络范围", await Problem.Assert4xx(sibling, HttpStatusCode.Forbidden));
            await Problem.Assert4xx(siblingCsv, HttpStatusCode.Forbidden);
            await Problem.Assert4xx(province, HttpStatusCode.Forbidden);
        }
        // A sibling's station through one's own network is not there to be reported on.
        using var borrowed = await manager.GetAsync("/api/reports/supplies?networkId=sr-a&stationId=sr-b-01");
        await Problem.Assert4xx(borrowed, HttpStatusCode.NotFound);
    }

    private async Task<List<IDictionary<string, object>>> Csv(string url)
    {
        var bytes = await app.Http.GetByteArrayAsync(url);
        using var reader = new CsvReader(new StringReader(Encoding.UTF8.GetString(bytes[3..])), CultureInfo.InvariantCulture);
        return reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
    }

    /// <summary>The province, once per app: sr-a (two stations, water linked to a tap) and sr-b (one station, tea), their movements, taps, ratings and settings.</summary>
    private async Task Build()
    {
        await Built.WaitAsync();
        try
        {
            if (!Ready.Add(app))
            {
                return;
            }
            await Add(Province, null);
            await Add("sr-a", Province);
            await Add("sr-b", Province);
            await Station("sr-a", "sr-a-01");
            await Station("sr-a", "sr-a-02");
            await Station("sr-b", "sr-b-01");
            await Put("/api/admin/networks/sr-a/supplies", CatalogA);
            await Put("/api/admin/networks/sr-b/supplies", CatalogB);
            await Put($"/api/admin/networks/sr-b/assessment/{app.Clock.GetUtcNow().Year}",
                new { criteria = new[] { new { criterion = "visits", weight = 100 } }, stars = new[] { 1.0, 2.0, 3.0, 4.0 } });
            await Move("sr-a-01", "sr-water", "received", 20);
            await Move("sr-a-02", "sr-kit", "received", 10);
            await Move("sr-b-01", "sr-tea", "received", 12);
            await Move("sr-b-01", "sr-tea", "handed-out", 3);
            await Move("sr-b-01", "sr-tea", "counted", 12);
            await Tap("sr-a-01", "water", 2);
            await Tap("sr-a-01", "visit", 6);
            await Tap("sr-b-01", "visit", 4);
            await Rate("sr-a-01", 5);
            await Rate("sr-a-02", 2);
            await Rate("sr-b-01", 1);
            await Rate("sr-b-01", 4);
        }
        finally
        {
            Built.Release();
        }
    }

    private Task Add(string id, string? parentId) => TreeChecks.AddNetwork(app.Http, id, parentId);

    private Task Station(string networkId, string id) => TreeChecks.AddStation(app.Http, networkId, id, 28.7, 115.9);

    private async Task Put(string url, object body)
    {
        using var put = await app.Http.PutAsJsonAsync(url, body);
        Assert.True(put.IsSuccessStatusCode, $"{url}: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
    }

    private async Task Move(string stationId, string item, string kind, int quantity)
    {
        using var moved = await SupplyChecks.Move(app.Http, stationId, new { id = Guid.NewGuid(), item, kind, quantity });
        Assert.True(moved.StatusCode == HttpStatusCode.Created, $"{stationId} {kind} {item}: {(int)moved.StatusCode} {await moved.Content.ReadAsStringAsync()}");
    }

    private async Task Tap(string stationId, string service, int quantity)
    {
        using var posted = await app.Http.PostEvent(stationId, new { id = Guid.NewGuid(), service, quantity });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
    }

    private async Task Rate(string stationId, int rating)
    {
        using var rated = await FeedbackChecks.Rate(app.Anonymous, stationId, new { id = Guid.NewGuid(), device = Guid.NewGuid().ToString(), rating });
        Assert.True(rated.StatusCode == HttpStatusCode.Created, $"rating {stationId}: {(int)rated.StatusCode} {await rated.Content.ReadAsStringAsync()}");
    }
}
