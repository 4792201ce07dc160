using System.Collections.Concurrent;
using System.Net;
using StationNet.Tests;
using StationNet.Web.Tests;

namespace StationNet.Silo.Tests;

/// <summary>The app on PostgreSQL: counts are kept, and kept exactly once.</summary>
[Collection(PostgresCollection.Name)]
public class DurabilityTests(PostgresServer pg)
{
    [Fact]
    public async Task Counts_and_the_live_snapshot_survive_a_restart()
    {
        var db = await pg.CreateDatabase("restart");
        var clock = ShiftedClock.At(new TimeOnly(12, 0), "Asia/Shanghai");
        Dictionary<string, int> before;
        string liveBefore;
        var voided = Guid.NewGuid();
        await using (var first = new StationNetApp(db, clock))
        {
            await first.InitializeAsync();
            Assert.True((bool)(await first.Http.GetNode("/api/about"))["dataKept"]!);
            foreach (var (station, service, quantity) in new[] { ("sample-01", "haircut", 1), ("sample-01", "water", 5), ("sample-02", "visit", 3) })
            {
                using var r = await first.Http.PostEvent(station, new { id = Guid.NewGuid(), service, quantity });
                Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            }
            using (var r = await first.Http.PostEvent("sample-02", new { id = voided, service = "visit", quantity = 2 }))
            {
                Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            }
            using (var r = await first.Http.DeleteAsync($"/api/stations/sample-02/events/{voided}"))
            {
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            }
            before = await Counts(first.Http, "sample-01");
            liveBefore = Totals(await first.Http.GetNode("/api/networks/sample/live"));
        }

        await using var second = new StationNetApp(db, clock);
        await second.InitializeAsync();

        Assert.Equal(before, await Counts(second.Http, "sample-01"));
        // The network's catalog is grain state: read back from PostgreSQL whole.
        Assert.Equal(StationNet.Grains.Catalog.ServiceCatalog.All.Select(s => s.Id),
            (await second.Http.GetNode("/api/networks/sample"))["services"]!.AsArray().Select(s => (string)s!["id"]!));
        Assert.Equal(3, (await Counts(second.Http, "sample-02"))["visit"]);
        var liveAfter = await second.Http.GetNode("/api/networks/sample/live");
        Assert.Equal(liveBefore, Totals(liveAfter));
        // The ticker is rebuilt from the journal too: the three events that were not voided, oldest first.
        var ticker = liveAfter["recent"]!.AsArray();
        Assert.Equal(["sample-01", "sample-01", "sample-02"], ticker.Select(t => (string)t!["stationId"]!));
        Assert.Equal("""{"haircut":1,"visit":3,"water":5}""", liveBefore);
        using var again = await second.Http.DeleteAsync($"/api/stations/sample-02/events/{voided}");
        Assert.True((bool)(await again.ReadNode())["alreadyVoided"]!);
        Assert.Equal(18L, await Sql.Scalar<long>(db, "SELECT count(DISTINCT grainidextensionstring) FROM OrleansStorage WHERE graintypestring = 'station'"));
    }

    [Fact]
    public async Task Twenty_clients_sending_a_thousand_events_with_duplicate_resends_give_exact_counts()
    {
        var db = await pg.CreateDatabase("concurrency");
        await using var app = new StationNetApp(db);
        await app.InitializeAsync();
        var stations = Enumerable.Range(1, 18).Select(i => $"sample-{i:00}").ToArray();
        var events = Enumerable.Range(0, 1000)
            .Select(i => (Id: Guid.NewGuid(), Station: stations[i % stations.Length], Quantity: 1 + i % 3))
            .ToArray();
        // Every event is sent once, and a third of them again by another client, in a shuffled order.
        var random = new Random(7);
        var sends = events.Concat(events.Where(_ => random.NextDouble() < 0.33)).OrderBy(_ => random.Next()).ToArray();
        var queue = new ConcurrentQueue<(Guid Id, string Station, int Quantity)>(sends);
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var tablets = new Dictionary<string, HttpClient>();
        foreach (var station in stations)
        {
            tablets[station] = await app.Tablet(station);
        }

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            while (queue.TryDequeue(out var e))
            {
                using var r = await tablets[e.Station].PostEvent(e.Station, new { id = e.Id, service = "visit", quantity = e.Quantity });
                statuses.Add(r.StatusCode);
            }
        }));

        Assert.Equal(1000, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(sends.Length - 1000, statuses.Count(s => s == HttpStatusCode.OK));
        foreach (var station in stations)
        {
            var expected = events.Where(e => e.Station == station).Sum(e => e.Quantity);
            Assert.Equal(expected, (await Counts(app.Http, station))["visit"]);
        }
        Assert.Equal(1000L, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_journal WHERE kind = 0"));
        Assert.Equal(events.Sum(e => e.Quantity), await Sql.Scalar<long>(db, "SELECT sum(count) FROM stationnet_daily"));
        var live = await app.Http.GetNode("/api/networks/sample/live");
        Assert.Equal(events.Sum(e => e.Quantity), live["totals"].Count("visit"));
    }

    [Fact]
    public async Task Reports_and_exports_from_postgresql_equal_random_events_across_days_midnight_and_voids()
    {
        await using var app = new StationNetApp(await pg.CreateDatabase("report_checks"));
        await app.InitializeAsync();
        await ReportChecks.ReportsEqualTheJournal(app, seed: 23);
        await AuditChecks.EventsAndVoidsAreAudited(app, "sample-15");
    }

    [Fact]
    public async Task The_daily_report_is_answered_from_the_rollup()
    {
        var db = await pg.CreateDatabase("reports");
        await using var app = new StationNetApp(db);
        await app.InitializeAsync();
        var now = app.Clock.GetUtcNow();
        using (var r = await app.Http.PostEvent("sample-03", new { id = Guid.NewGuid(), service = "meal", quantity = 4, occurredAt = now.AddHours(-24) }))
        {
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }
        using (var r = await app.Http.PostEvent("sample-03", new { id = Guid.NewGuid(), service = "meal", quantity = 2 }))
        {
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }
        var today = (string)(await app.Http.GetNode("/api/stations/sample-03"))["day"]!;
        var yesterday = DateOnly.Parse(today).AddDays(-1).ToString("yyyy-MM-dd");

        var rows = (await app.Http.GetNode($"/api/reports/daily?networkId=sample&from={yesterday}&to={today}")).AsArray();

        Assert.Equal([(yesterday, 4), (today, 2)], rows.Select(r => ((string)r!["day"]!, r["count"]!.GetValue<int>())));
        Assert.Equal(2, (await Counts(app.Http, "sample-03"))["meal"]);
    }

    internal static async Task<Dictionary<string, int>> Counts(HttpClient http, string station) =>
        (await http.GetNode($"/api/stations/{station}"))["counts"]!.AsObject().ToDictionary(c => c.Key, c => c.Value!.GetValue<int>());

    private static string Totals(System.Text.Json.Nodes.JsonNode live) =>
        System.Text.Json.JsonSerializer.Serialize(live["totals"]!.AsObject().OrderBy(t => t.Key).ToDictionary(t => t.Key, t => t.Value!.GetValue<int>()));
}
