using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StationNet.Tests;

namespace StationNet.Web.Tests.Fuzz;

/// <summary>Replays, and events dated on local midnight and on daylight-saving edges.</summary>
[Trait("Category", "Reliability")]
public class EdgeTests(EdgeTests.NewYorkAutumnApp app) : IClassFixture<EdgeTests.NewYorkAutumnApp>
{
    /// <summary>An app whose clock stands at 2026-11-01 12:00 UTC: New York fell back at 06:00 UTC that morning.</summary>
    public sealed class NewYorkAutumnApp() : StationNetApp(clock: new ShiftedClock(DateTimeOffset.Parse("2026-11-01T12:00:00Z") - DateTimeOffset.UtcNow));

    [Fact]
    public async Task Replayed_events_and_voids_change_nothing_however_often_and_whatever_they_carry()
    {
        using var tablet = await app.Tablet("sample-02");
        var random = new Random(3);
        var sent = new List<(Guid Id, int Quantity)>();
        for (var i = 0; i < 40; i++)
        {
            var e = (Id: Guid.NewGuid(), Quantity: random.Next(1, 5));
            using var r = await tablet.PostEvent("sample-02", new { id = e.Id, service = "water", quantity = e.Quantity });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            sent.Add(e);
        }
        var voided = sent.Take(8).ToList();
        foreach (var (id, _) in voided)
        {
            using var r = await tablet.DeleteAsync($"/api/stations/sample-02/events/{id}");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        var expected = sent.Skip(8).Sum(e => e.Quantity);
        Assert.Equal(expected, await Water());

        // Every event three more times at once, one of them with another quantity and service (the same id for
        // another request: 409, nothing changes), and every void again.
        var replays = sent.SelectMany(e => new[]
        {
            (Same: true, Reply: tablet.PostEvent("sample-02", new { id = e.Id, service = "water", quantity = e.Quantity })),
            (Same: true, Reply: tablet.PostEvent("sample-02", new { id = e.Id, service = "water", quantity = e.Quantity })),
            (Same: false, Reply: tablet.PostEvent("sample-02", new { id = e.Id, service = "meal", quantity = 4 })),
        }).Concat(voided.Select(v => (Same: true, Reply: tablet.DeleteAsync($"/api/stations/sample-02/events/{v.Id}"))));
        var answers = await Task.WhenAll(replays.Select(async r => (r.Same, Reply: await r.Reply)));
        foreach (var (same, reply) in answers)
        {
            using (reply)
            {
                if (!same)
                {
                    Assert.Equal(HttpStatusCode.Conflict, reply.StatusCode);
                    continue;
                }
                Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
                var body = JsonNode.Parse(await reply.Content.ReadAsStringAsync())!;
                Assert.True((bool?)body["duplicate"] ?? (bool)body["alreadyVoided"]!, body.ToJsonString());
            }
        }
        Assert.Equal(expected, await Water());
    }

    [Fact]
    public async Task Events_on_midnight_and_daylight_saving_edges_land_on_the_right_local_day_and_hour()
    {
        using (var network = await app.Http.PostAsJsonAsync("/api/admin/networks", new { id = "ny", name = "纽约", nameEn = "New York", timeZone = "America/New_York" }))
        {
            Assert.True(network.StatusCode == HttpStatusCode.Created, await network.Content.ReadAsStringAsync());
        }
        using (var station = await app.Http.PostAsJsonAsync("/api/admin/networks/ny/stations", new { id = "ny-1", name = "曼哈顿驿站", township = "Manhattan", services = new[] { "visit" }, openingHours = new { opens = "00:00", closes = "24:00" } }))
        {
            Assert.True(station.StatusCode == HttpStatusCode.Created, await station.Content.ReadAsStringAsync());
        }
        using var tablet = await app.Tablet("ny-1");
        string[] instants =
        [
            "2026-11-01T03:59:59.999Z", // 23:59:59.999 EDT on 31 October
            "2026-11-01T04:00:00Z",     // midnight EDT: 1 November, hour 0
            "2026-11-01T05:30:00Z",     // 01:30 EDT, the first 01:30
            "2026-11-01T06:30:00Z",     // 01:30 EST, the second 01:30: the same local hour
            "2026-11-01T07:00:00Z",     // 02:00 EST
        ];
        foreach (var at in instants)
        {
            using var r = await tablet.PostEvent("ny-1", new { id = Guid.NewGuid(), service = "visit", occurredAt = at });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }

        var nov1 = await Hourly("2026-11-01");
        Assert.Equal(1, nov1[0]);
        Assert.Equal(2, nov1[1]);
        Assert.Equal(1, nov1[2]);
        Assert.Equal(4, nov1.Sum());
        var oct31 = await Hourly("2026-10-31");
        Assert.Equal(1, oct31[23]);
        Assert.Equal(1, oct31.Sum());

        // Beijing has no daylight saving; its midnight is 16:00 UTC.
        using var sample = await app.Tablet("sample-03");
        foreach (var at in new[] { "2026-10-31T15:59:59Z", "2026-10-31T16:00:00Z" })
        {
            using var r = await sample.PostEvent("sample-03", new { id = Guid.NewGuid(), service = "charging", occurredAt = at });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }
        var daily = await app.Http.GetNode("/api/reports/daily?networkId=sample&from=2026-10-31&to=2026-11-01&stationId=sample-03");
        var charging = daily!.AsArray().Where(d => (string)d!["service"]! == "charging").ToDictionary(d => (string)d!["day"]!, d => (int)d!["count"]!);
        Assert.Equal(1, charging["2026-10-31"]);
        Assert.Equal(1, charging["2026-11-01"]);
    }

    private async Task<int[]> Hourly(string day)
    {
        var report = await app.Http.GetNode($"/api/reports/hourly?networkId=ny&day={day}");
        return report!["hourly"]?["visit"]?.AsArray().Select(h => (int)h!).ToArray() ?? new int[24];
    }

    private async Task<int> Water() => (await app.Http.GetNode("/api/stations/sample-02"))!["counts"].Count("water");
}
