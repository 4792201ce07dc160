using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
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
            openingHours = new { opens = "08:00", closes = "12:00" }, seats = 4,
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
            await Post(app, "close");
            // 31 Dec: open 08:00–10:00 only (two of four due hours); the one-star complaint is resolved a day after it came.
            At(app, year, 12, 31, 8, 0);
            await Post(app, "open");
            using (var answered = await app.Http.PatchAsJsonAsync($"/api/admin/feedback/{ratings[1]}", new { status = "resolved", note = "已处理" }))
            {
                Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            }
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
            stars = new[] { 50, 60, 70, 80 }, complaintDays = 7, visitsPerSeat = 300,
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
        // Complaints: two (1 and 2 stars), one resolved within 7 days → 0.5 × 20 = 10.
        AssertPart(parts["complaints"], 0.5, 10, 20);
        // Supplies are not measured yet (#19): unknown, no points, and not counted in the maximum.
        Assert.Null(parts["supplies"]["value"]?.GetValue<double?>());
        Assert.Equal(0, (double)parts["supplies"]["max"]!);
        // Score: (30 + 10 + 10 + 10) / (40 + 20 + 20 + 20) × 100 = 60 → bounds 50, 60, 70, 80 → three stars.
        Assert.Equal(60.0, (double)row["score"]!);
        Assert.Equal(3, (int)row["stars"]!);

        // The same numbers in the exports; the 考核表 prints A4 landscape, one page wide.
        var csv = await app.Http.GetStringAsync($"/api/reports/assessment?networkId=sample&year={year}&format=csv");
        var line = csv.Split('\n').Single(l => l.StartsWith("考核测试驿站", StringComparison.Ordinal));
        Assert.StartsWith("考核测试驿站,60,3,0.75,30/40,150,10/20,3,10/20,0.5,10/20,不可用,不可用", line.TrimEnd('\r'));
        var xlsx = await app.Http.GetByteArrayAsync($"/api/reports/assessment?networkId=sample&year={year}&format=xlsx&lang=en");
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx));
        var sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).ToList();
        var sheet = new StreamReader(Assert.Single(sheets).Open()).ReadToEnd();
        Assert.Contains("orientation=\"landscape\"", sheet);
        Assert.Contains("fitToPage=\"1\"", sheet);
    }

    public static async Task SettingsAreValidatedAndDefaultsShown(StationNetApp app)
    {
        var defaults = await app.Http.GetNode("/api/admin/networks/sample/assessment/2031");
        Assert.True((bool)defaults["isDefault"]!);
        Assert.Equal(0, (double)defaults["criteria"]!.AsArray().Single(c => (string)c!["criterion"]! == "supplies")!["weight"]!);
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

    private static void At(StationNetApp app, int year, int month, int day, int hour, int minute) =>
        app.Clock.Advance(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)) - app.Clock.GetUtcNow());

    private static async Task Post(StationNetApp app, string action)
    {
        using var response = await app.Http.PostAsync($"/api/stations/{Station}/{action}", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
