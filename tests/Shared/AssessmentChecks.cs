using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StationNet.Grains.Feedback;
using StationNet.Web.Apis;
using StationNet.Web.Tests;

namespace StationNet.Tests;

/// <summary>
/// A constructed year for one new station, scored by hand: the app's clock goes back to the last days of last year, the
/// station is opened and tapped and rated there, and the report for that year must say exactly what the arithmetic says.
/// </summary>
public static class AssessmentChecks
{
    public const string Station = "assess-1";

    public static async Task ScoreOfAConstructedYearIsWhatTheHandSays(StationNetApp app)
    {
        using (var added = await app.Http.PostAsJsonAsync("/api/admin/networks/sample/stations", new
        {
            id = Station, name = "考核测试驿站", township = "测试街道", services = new[] { "visit", "water" },
            openingHours = new { opens = "08:00", closes = "12:00" }, seats = 4, hoursFrom = $"{app.Clock.GetUtcNow().Year - 1}-12-30",
        }))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }
        var realNow = app.Clock.GetUtcNow();
        var year = realNow.Year - 1;
        var ratings = new Dictionary<int, Guid>();
        try
        {
            // 30 Dec: open 08:00–12:00 (all four due hours), 600 visits, four ratings 5, 4, 1, 2 (two complaints).
            At(app, year, 12, 30, 8, 0);
            await Post(app, "open");
            for (var i = 0; i < 12; i++)
            {
                using var tapped = await app.Http.PostEvent(Station, new { id = Guid.NewGuid(), service = "visit", quantity = 50 });
                Assert.Equal(HttpStatusCode.Created, tapped.StatusCode);
            }
            foreach (var stars in new[] { 5, 4, 1, 2 })
            {
                ratings[stars] = Guid.NewGuid();
                using var rated = await FeedbackChecks.Rate(app.Anonymous, Station, new { id = ratings[stars], device = Guid.NewGuid().ToString(), rating = stars });
                Assert.Equal(HttpStatusCode.Created, rated.StatusCode);
            }
            At(app, year, 12, 30, 12, 0);
            // The one-star complaint is resolved the day it came, four hours later.
            using (var answered = await app.Http.PatchAsJsonAsync($"/api/admin/feedback/{ratings[1]}", new { status = "resolved", note = "已处理" }))
            {
                Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            }
            await Post(app, "close");
            // 31 Dec: open 08:00–10:00 only (two of four due hours).
            At(app, year, 12, 31, 8, 0);
            await Post(app, "open");
            At(app, year, 12, 31, 10, 0);
            await Post(app, "close");
        }
        finally
        {
            app.Clock.Advance(realNow - app.Clock.GetUtcNow());
        }

        using (var set = await app.Http.PutAsJsonAsync($"/api/admin/networks/sample/assessment/{year}", new
        {
            criteria = new object[]
            {
                new { criterion = "hours", weight = 40 }, new { criterion = "visits", weight = 20 }, new { criterion = "satisfaction", weight = 20 },
                new { criterion = "complaints", weight = 20 }, new { criterion = "supplies", weight = 10 },
            },
            // A one-day window: the unresolved complaint of 30 Dec is past it on any day of this year (with 7 days, it would
            // still be pending, and left out, when the test runs in the first week of January).
            stars = new[] { 50, 60, 70, 80 }, complaintDays = 1, visitsPerSeat = 300,
        }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }
        var report = await app.Http.GetNode($"/api/reports/assessment?networkId=sample&year={year}");
        var row = report.AsArray().Single(r => (string)r!["stationId"]! == Station)!;
        var parts = row["parts"]!.AsArray().ToDictionary(p => (string)p!["criterion"]!, p => p!);

        // Hours kept: due 4 + 4 hours on the days it was tracked, open 4 + 2 → 0.75 × 40 = 30.
        AssertPart(parts["hours"], 0.75, 30, 40);
        // Visits per seat: 600 / 4 = 150 of the 300 that earn full points → 0.5 × 20 = 10.
        AssertPart(parts["visits"], 150, 10, 20);
        // Satisfaction: mean (5 + 4 + 1 + 2) / 4 = 3 stars → (3 − 1) / 4 = 0.5 × 20 = 10.
        AssertPart(parts["satisfaction"], 3, 10, 20);
        // Complaints: two (1 and 2 stars), one resolved within the day's window, the other never → 0.5 × 20 = 10.
        AssertPart(parts["complaints"], 0.5, 10, 20);
        // No supply record at this station: unknown, no points, and not counted in the maximum.
        Assert.Null(parts["supplies"]["value"]?.GetValue<double?>());
        Assert.Equal("no-records", (string)parts["supplies"]["reason"]!);
        Assert.Equal(0, (double)parts["supplies"]["max"]!);
        // Score: (30 + 10 + 10 + 10) / (40 + 20 + 20 + 20) × 100 = 60 → bounds 50, 60, 70, 80 → three stars.
        Assert.Equal(60.0, (double)row["score"]!);
        Assert.Equal(3, (int)row["stars"]!);

        // The same numbers in the exports; the 考核表 prints A4 landscape, one page wide.
        var csv = await app.Http.GetStringAsync($"/api/reports/assessment?networkId=sample&year={year}&format=csv");
        var line = csv.Split('\n').Single(l => l.StartsWith("考核测试驿站", StringComparison.Ordinal));
        Assert.StartsWith("考核测试驿站,60,3,0.75,30/40,150,10/20,3,10/20,0.5,10/20,不可用（无物资记录）,不可用", line.TrimEnd('\r'));
        var xlsx = await app.Http.GetByteArrayAsync($"/api/reports/assessment?networkId=sample&year={year}&format=xlsx&lang=en");
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx));
        var sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).ToList();
        var sheet = new StreamReader(Assert.Single(sheets).Open()).ReadToEnd();
        Assert.Contains("orientation=\"landscape\"", sheet);
        Assert.Contains("fitToPage=\"1\"", sheet);
    }

    /// <summary>
    /// Supplies never out, nothing expired, over a constructed December in a network of its own: water (it expires) and
    /// first-aid kits (they do not), moved on the days below; every day from the first record to 31 Dec is counted.
    /// </summary>
    public static async Task SuppliesOfAConstructedYearAreWhatTheHandSays(StationNetApp app)
    {
        const string network = "assess-supplies", bare = "assess-bare";
        await AddNetwork(app, network);
        await AddNetwork(app, bare);
        using (var put = await app.Http.PutAsJsonAsync($"/api/admin/networks/{network}/supplies", new object[]
        {
            new { id = "a-water", name = "瓶装水", nameEn = "Bottled water", unit = "瓶", expires = true, lowAt = 5 },
            new { id = "a-kit", name = "急救包", nameEn = "First-aid kit", unit = "个", expires = false, lowAt = 1 },
        }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        await AddStation(app, network, "assess-stocked", "物资考核驿站");
        await AddStation(app, network, "assess-unrecorded", "无物资记录驿站");
        await AddStation(app, bare, "assess-no-catalog", "无物资目录驿站");

        var realNow = app.Clock.GetUtcNow();
        var year = realNow.Year - 1;
        try
        {
            async Task Move(int day, string item, string kind, int quantity, string? expiresOn = null)
            {
                At(app, year, 12, day, 9, 0);
                using var moved = await app.Http.PostAsJsonAsync("/api/stations/assess-stocked/supplies/movements",
                    new { id = Guid.NewGuid(), item, kind, quantity, expiresOn });
                Assert.True(moved.StatusCode == HttpStatusCode.Created, $"{day} Dec {kind} {item}: {(int)moved.StatusCode} {await moved.Content.ReadAsStringAsync()}");
            }
            await Move(1, "a-water", "received", 10, $"{year}-12-20");
            await Move(1, "a-kit", "received", 2);
            await Move(5, "a-kit", "handed-out", 2);    // kits out 5, 6, 7 Dec
            await Move(8, "a-kit", "received", 3);
            await Move(15, "a-water", "handed-out", 4); // 6 bottles of the batch dated 20 Dec stay: expired 21–24 Dec
            await Move(22, "a-kit", "handed-out", 3);   // kits out 22, 23 Dec, days that are expired as well
            await Move(24, "a-kit", "received", 3);
            await Move(25, "a-water", "discarded", 6);
            await Move(25, "a-water", "received", 10, $"{year + 1}-06-30");
            await Move(28, "a-water", "counted", 0);    // water out 28–31 Dec
        }
        finally
        {
            app.Clock.Advance(realNow - app.Clock.GetUtcNow());
        }

        // The defaults: supplies weigh 15, and a station without sessions, seats or ratings is scored on what is known.
        var report = (await app.Http.GetNode($"/api/reports/assessment?networkId={network}&year={year}")).AsArray()
            .ToDictionary(r => (string)r!["stationId"]!, r => r!);
        var parts = report["assess-stocked"]["parts"]!.AsArray().ToDictionary(p => (string)p!["criterion"]!, p => p!);
        // 31 days counted (1–31 Dec); out: 5–7, 22–23 and 28–31 Dec = 9; expired: 21–24 Dec = 4; both: 22–23 Dec = 2.
        // In order: 31 − (9 + 4 − 2) = 20 → 20 / 31 = 0.645 → 15 × 20 / 31 = 9.68 points of 15.
        AssertPart(parts["supplies"], 0.645, 9.68, 15);
        Assert.Equal(31, (int)parts["supplies"]["counts"]!["days"]!);
        Assert.Equal(9, (int)parts["supplies"]["counts"]!["outDays"]!);
        Assert.Equal(4, (int)parts["supplies"]["counts"]!["expiredDays"]!);
        Assert.Equal("no-sessions", (string)parts["hours"]["reason"]!);
        // Complaints: none, so none unresolved (15 of 15). Score: (15 + 9.68) / (15 + 15) × 100 = 82.3 → four stars.
        AssertPart(parts["complaints"], 1, 15, 15);
        Assert.Equal(82.3, (double)report["assess-stocked"]["score"]!);
        Assert.Equal(4, (int)report["assess-stocked"]["stars"]!);

        var unrecorded = report["assess-unrecorded"]["parts"]!.AsArray().Single(p => (string)p!["criterion"]! == "supplies")!;
        Assert.Null(unrecorded["value"]?.GetValue<double?>());
        Assert.Equal(0, (double)unrecorded["max"]!);
        Assert.Equal("no-records", (string)unrecorded["reason"]!);
        var noCatalog = (await app.Http.GetNode($"/api/reports/assessment?networkId={bare}&year={year}")).AsArray().Single()!["parts"]!.AsArray()
            .Single(p => (string)p!["criterion"]! == "supplies")!;
        Assert.Null(noCatalog["value"]?.GetValue<double?>());
        Assert.Equal(0, (double)noCatalog["max"]!);
        Assert.Equal("no-catalog", (string)noCatalog["reason"]!);

        // The 考核表 says the same, and why a criterion is unknown: criteria in the order of the settings (supplies last).
        var csv = await app.Http.GetStringAsync($"/api/reports/assessment?networkId={network}&year={year}&format=csv");
        var line = csv.Split('\n').Single(l => l.StartsWith("物资考核驿站", StringComparison.Ordinal)).TrimEnd('\r');
        Assert.EndsWith(",1,15/15,0.645,9.68/15", line);
        Assert.Contains("不可用（无开放记录）", line);
        Assert.EndsWith(",不可用（无物资记录）,不可用", csv.Split('\n').Single(l => l.StartsWith("无物资记录驿站", StringComparison.Ordinal)).TrimEnd('\r'));
        var csvEn = await app.Http.GetStringAsync($"/api/reports/assessment?networkId={bare}&year={year}&format=csv&lang=en");
        Assert.Contains("Supplies never out, nothing expired value", csvEn);
        Assert.Contains("unknown (no supply catalog),unknown", csvEn);
    }

    /// <summary>
    /// In a network of its own, over 30–31 Dec of last year: one station opened on time both days, the other never. Opening
    /// is tracked from the first opened station, so every hour the second was due counts as not kept: 0, ranked below,
    /// in the assessment and in the compliance (hours) report alike.
    /// </summary>
    public static async Task NeverOpenedStationKeepsNoHoursAndRanksBelow(StationNetApp app)
    {
        const string network = "assess-hours";
        await AddNetwork(app, network);
        var realNow = app.Clock.GetUtcNow();
        var year = realNow.Year - 1;
        await AddStation(app, network, "assess-on-time", "按时开放驿站", $"{year}-12-30");
        await AddStation(app, network, "assess-never", "从未开放驿站", $"{year}-12-30");
        try
        {
            foreach (var day in new[] { 30, 31 })
            {
                At(app, year, 12, day, 7, 55);
                await Post(app, "open", "assess-on-time");
                At(app, year, 12, day, 18, 5);
                await Post(app, "close", "assess-on-time");
            }
        }
        finally
        {
            app.Clock.Advance(realNow - app.Clock.GetUtcNow());
        }

        var report = (await app.Http.GetNode($"/api/reports/assessment?networkId={network}&year={year}")).AsArray();
        Assert.Equal(["assess-on-time", "assess-never"], report.Select(r => (string)r!["stationId"]!));
        var hours = report.ToDictionary(r => (string)r!["stationId"]!, r => r!["parts"]!.AsArray().Single(p => (string)p!["criterion"]! == "hours")!);
        // 08:00–18:00 is ten due hours a day, from its first day (30 Dec; none before it existed): 20 hours.
        AssertPart(hours["assess-on-time"], 1, 30, 30);
        AssertPart(hours["assess-never"], 0, 0, 30);
        Assert.Equal(20, (int)hours["assess-never"]["counts"]!["dueHours"]!);
        Assert.Equal(0, (int)hours["assess-never"]["counts"]!["openedHours"]!);
        Assert.True((double)report[0]!["score"]! > (double)report[1]!["score"]!);

        var compliance = (await app.Http.GetNode($"/api/reports/compliance?networkId={network}&from={year}-12-01&to={year}-12-31")).AsArray()
            .ToDictionary(r => (string)r!["stationId"]!, r => r!);
        Assert.Equal(0, (int)compliance["assess-never"]["openedHours"]!);
        Assert.Equal(20, (int)compliance["assess-never"]["unopenedHours"]!);
        Assert.Equal(20, (int)compliance["assess-on-time"]["openedHours"]!);
        Assert.Equal(0, (int)compliance["assess-on-time"]["unopenedHours"]!);
        // Before any station of the network was opened, the system has no basis: unknown, not zero.
        var before = (await app.Http.GetNode($"/api/reports/compliance?networkId={network}&from={year}-11-01&to={year}-11-30")).AsArray();
        Assert.All(before, r => Assert.Null(r!["unopenedHours"]));
    }

    /// <summary>
    /// Complaints against the window (complaintDays 7), judged on 20 Dec of last year: one of 5 Dec never resolved (failed),
    /// one of 6 Dec resolved on 8 Dec (in time), one of 18 Dec not yet resolved (pending: left out, and said).
    /// </summary>
    public static async Task ComplaintsInsideTheirWindowArePending(StationNetApp app)
    {
        const string network = "assess-complaints";
        await AddNetwork(app, network);
        var realNow = app.Clock.GetUtcNow();
        var year = realNow.Year - 1;
        await AddStation(app, network, "assess-rated", "投诉考核驿站", $"{year}-12-01");
        JsonNode report;
        try
        {
            async Task<Guid> Rate(int day, int stars)
            {
                At(app, year, 12, day, 10, 0);
                var id = Guid.NewGuid();
                using var rated = await FeedbackChecks.Rate(app.Anonymous, "assess-rated", new { id, device = Guid.NewGuid().ToString(), rating = stars });
                Assert.Equal(HttpStatusCode.Created, rated.StatusCode);
                return id;
            }
            await Rate(5, 1);
            var resolved = await Rate(6, 2);
            At(app, year, 12, 8, 11, 0);
            using (var answered = await app.Http.PatchAsJsonAsync($"/api/admin/feedback/{resolved}", new { status = "resolved", note = "已处理" }))
            {
                Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            }
            await Rate(18, 1);
            At(app, year, 12, 20, 12, 0);
            report = await app.Http.GetNode($"/api/reports/assessment?networkId={network}&year={year}");
        }
        finally
        {
            app.Clock.Advance(realNow - app.Clock.GetUtcNow());
        }
        var complaints = report.AsArray().Single()!["parts"]!.AsArray().Single(p => (string)p!["criterion"]! == "complaints")!;
        // Decided: 2 (the failed one and the resolved one), resolved 1 → 0.5 × 15 = 7.5; the 18 Dec one is pending.
        AssertPart(complaints, 0.5, 7.5, 15);
        Assert.Equal(2, (int)complaints["counts"]!["complaints"]!);
        Assert.Equal(1, (int)complaints["counts"]!["resolved"]!);
        Assert.Equal(1, (int)complaints["counts"]!["pending"]!);

        // A fresh complaint alone is pending, not a failure: no complaint decided, none unresolved.
        var fresh = AssessmentApi.Complaints([new FeedbackDay("s", new DateOnly(2030, 5, 1), 1, 1, 1, 1)], _ => 0, new DateOnly(2030, 5, 1), 7);
        Assert.Equal((0, 0, 1), fresh);
        Assert.Equal((1, 0, 0), AssessmentApi.Complaints([new FeedbackDay("s", new DateOnly(2030, 5, 1), 1, 1, 1, 1)], _ => 0, new DateOnly(2030, 5, 9), 7));
    }

    public static async Task SettingsAreValidatedAndDefaultsShown(StationNetApp app)
    {
        var defaults = await app.Http.GetNode("/api/admin/networks/sample/assessment/2031");
        Assert.True((bool)defaults["isDefault"]!);
        Assert.Equal(15, (double)defaults["criteria"]!.AsArray().Single(c => (string)c!["criterion"]! == "supplies")!["weight"]!);
        Assert.Equal(100, defaults["criteria"]!.AsArray().Sum(c => (double)c!["weight"]!));
        foreach (var (field, body) in new (string, object)[]
        {
            ("criteria", new { criteria = new[] { new { criterion = "beauty", weight = 10 } }, stars = new[] { 60, 70, 80, 90 } }),
            ("criteria", new { criteria = new[] { new { criterion = "hours", weight = 10 }, new { criterion = "hours", weight = 10 } }, stars = new[] { 60, 70, 80, 90 } }),
            ("criteria", new { criteria = new[] { new { criterion = "hours", weight = 0 } }, stars = new[] { 60, 70, 80, 90 } }),
            ("stars", new { criteria = new[] { new { criterion = "hours", weight = 10 } }, stars = new[] { 60, 50, 80, 90 } }),
            ("stars", new { criteria = new[] { new { criterion = "hours", weight = 10 } }, stars = new[] { 60, 70 } }),
        })
        {
            using var refused = await app.Http.PutAsJsonAsync("/api/admin/networks/sample/assessment/2031", body);
            await Problem.Assert4xx(refused, HttpStatusCode.BadRequest);
            Assert.True((await refused.ReadNode())["errors"]?[field] is not null, $"the problem does not name {field}");
        }
        using var badYear = await app.Http.GetAsync("/api/reports/assessment?networkId=sample&year=1999");
        await Problem.Assert4xx(badYear, HttpStatusCode.BadRequest);
    }

    private static void AssertPart(JsonNode part, double value, double points, double max)
    {
        Assert.Equal(value, (double)part["value"]!, 3);
        Assert.Equal(points, (double)part["points"]!, 2);
        Assert.Equal(max, (double)part["max"]!);
    }

    private static Task AddNetwork(StationNetApp app, string id) => TreeChecks.AddNetwork(app.Http, id, parentId: null);

    private static async Task AddStation(StationNetApp app, string networkId, string id, string name, string? hoursFrom = null)
    {
        using var added = await app.Http.PostAsJsonAsync($"/api/admin/networks/{networkId}/stations", new
        {
            id, name, township = "测试街道", services = new[] { "visit" }, openingHours = new { opens = "08:00", closes = "18:00" }, hoursFrom,
        });
        Assert.True(added.StatusCode == HttpStatusCode.Created, $"{id}: {(int)added.StatusCode} {await added.Content.ReadAsStringAsync()}");
    }

    private static void At(StationNetApp app, int year, int month, int day, int hour, int minute) =>
        app.Clock.Advance(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)) - app.Clock.GetUtcNow());

    private static async Task Post(StationNetApp app, string action, string station = Station)
    {
        using var response = await app.Http.PostAsync($"/api/stations/{station}/{action}", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
