using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StationNet.Grains.Catalog;
using StationNet.Web.Tests;

namespace StationNet.Tests;

/// <summary>
/// The opening state machine through the API with a moved clock: late, open, unreachable, open-silent, closed;
/// the same on either backend. The app must run with StationNet:Opening:SilentMinutes = 10.
/// </summary>
public static class OpeningChecks
{
    public const string SilentMinutes = "10";

    /// <summary>sample-05 is open 07:30–19:30; the tablet opens it, falls silent, comes back, closes it.</summary>
    public static async Task StatusFollowsTheTabletAndTheClock(StationNetApp app, string stationId = "sample-05")
    {
        var zone = LocalDay.DefaultTimeZone;
        using var tablet = await app.Tablet(stationId);
        app.Clock.MoveTo(new TimeOnly(7, 40), zone);
        Assert.Equal("closed", await Status(app.Http, stationId)); // ten minutes after opening time: not late yet

        app.Clock.MoveTo(new TimeOnly(7, 46), zone);
        Assert.Equal("late", await Status(app.Http, stationId));
        await WaitForLive(app, stationId, "late");
        // The province's managers see it too: the sample city's stations are beneath the sample province, which has none of its own.
        foreach (var network in new[] { "sample", "sample-province" })
        {
            var lines = await app.Http.GetNode($"/api/reports/status?networkId={network}");
            Assert.Contains(lines.AsArray(), l => (string)l!["stationId"]! == stationId && (string)l["status"]! == "late");
        }

        var opened = await Post(tablet, stationId, "open");
        Assert.Equal("open", (string)opened["status"]!);
        Assert.True((bool)opened["openNow"]!);
        Assert.Equal(stationId, (string)opened["stationId"]!);
        var since = (DateTimeOffset)opened["since"]!;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await Post(tablet, stationId, "open");
        Assert.Equal(since, (DateTimeOffset)again["since"]!); // idempotent: still open since the first tap
        await WaitForLive(app, stationId, "open");

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("open", (string)(await Post(tablet, stationId, "heartbeat"))["status"]!);
        app.Clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(5));
        Assert.Equal("unreachable", await Status(app.Http, stationId));
        await WaitForLive(app, stationId, "unreachable");
        Assert.Equal("open", (string)(await Post(tablet, stationId, "heartbeat"))["status"]!);

        // Heartbeats alone, and no tap for more than the silent time: open-silent; a tap makes it open again.
        for (var i = 0; i < 6; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(2));
            await Post(tablet, stationId, "heartbeat");
        }
        Assert.Equal("open-silent", await Status(app.Http, stationId));
        Assert.True((bool)(await app.Http.GetNode($"/api/stations/{stationId}"))["openNow"]!);
        using (var tap = await tablet.PostEvent(stationId, new { id = Guid.NewGuid(), service = "water" }))
        {
            Assert.Equal(HttpStatusCode.Created, tap.StatusCode);
        }
        Assert.Equal("open", await Status(app.Http, stationId));

        var closed = await Post(tablet, stationId, "close");
        Assert.Equal("closed", (string)closed["status"]!); // closed within its hours, after opening: closed, not late
        Assert.False((bool)closed["openNow"]!);
        Assert.Equal("closed", (string)(await Post(tablet, stationId, "close"))["status"]!);
        Assert.Equal("closed", (string)(await Post(tablet, stationId, "heartbeat"))["status"]!);
        await WaitForLive(app, stationId, "closed");
    }

    /// <summary>
    /// sample-11 kept 08:00–21:00 until its hours became 10:00–12:00 two days ago. Over the last three days, compliance
    /// judges each day by the hours then in force and counts the due hours no session covered.
    /// </summary>
    public static async Task ComplianceUsesTheHoursInForceEachDay(StationNetApp app, string stationId = "sample-11")
    {
        var zone = LocalDay.DefaultTimeZone;
        app.Clock.MoveTo(new TimeOnly(12, 0), zone);
        var today = LocalDay.Of(app.Clock.GetUtcNow(), LocalDay.Zone(zone));
        var station = await app.Http.GetNode($"/api/stations/{stationId}");
        using (var edit = await app.Http.PutAsJsonAsync($"/api/admin/stations/{stationId}", new
        {
            name = (string)station["name"]!, township = (string)station["township"]!, services = station["services"]!.AsArray().Select(x => (string)x!).ToArray(),
            openingHours = new { opens = "10:00", closes = "12:00" }, seats = 4, hoursFrom = today.AddDays(-2),
        }))
        {
            Assert.True(edit.IsSuccessStatusCode, await edit.Content.ReadAsStringAsync());
            var saved = await edit.ReadNode();
            Assert.Equal(2, saved["hoursHistory"]!.AsArray().Count);
        }
        try
        {
            app.Clock.Advance(TimeSpan.FromDays(-3));
            app.Clock.MoveTo(new TimeOnly(7, 55), zone);
            await Post(app.Http, stationId, "open");
            app.Clock.MoveTo(new TimeOnly(9, 0), zone);
            await Post(app.Http, stationId, "close");
            app.Clock.Advance(TimeSpan.FromDays(1));
            app.Clock.MoveTo(new TimeOnly(10, 5), zone);
            await Post(app.Http, stationId, "open");
            app.Clock.MoveTo(new TimeOnly(11, 0), zone);
            await Post(app.Http, stationId, "close");
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromDays(2));
            app.Clock.MoveTo(new TimeOnly(12, 0), zone);
        }

        var rows = await app.Http.GetNode($"/api/reports/compliance?networkId=sample&stationId={stationId}&from={today.AddDays(-3):yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}");
        var row = rows.AsArray().Single()!;
        Assert.Equal(13 + 2 + 2, (int)row["openHours"]!);
        Assert.Equal(2, (int)row["openedHours"]!);
        Assert.Equal(15, (int)row["unopenedHours"]!);
        var unopened = row["unopened"]!.AsArray().ToDictionary(d => (string)d!["day"]!, d => string.Join(",", d!["hours"]!.AsArray().Select(h => (int)h!)));
        Assert.Equal("9,10,11,12,13,14,15,16,17,18,19,20", unopened[$"{today.AddDays(-3):yyyy-MM-dd}"]);
        Assert.Equal("11", unopened[$"{today.AddDays(-2):yyyy-MM-dd}"]);
        Assert.Equal("10,11", unopened[$"{today.AddDays(-1):yyyy-MM-dd}"]);
        // A station never opened in the range: the system does not know, and says so.
        var other = (await app.Http.GetNode($"/api/reports/compliance?networkId=sample&stationId=sample-12&from={today.AddDays(-3):yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}"))
            .AsArray().Single()!;
        Assert.Null(other["unopenedHours"]);
    }

    public static async Task<JsonNode> Post(HttpClient client, string stationId, string action)
    {
        using var response = await client.PostAsync($"/api/stations/{stationId}/{action}", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadNode();
    }

    public static async Task<string> Status(HttpClient http, string stationId) => (string)(await http.GetNode($"/api/stations/{stationId}"))["status"]!;

    /// <summary>The wall's snapshot shows the same status within a few seconds (the network re-judges every 5 s).</summary>
    public static async Task WaitForLive(StationNetApp app, string stationId, string status)
    {
        string? seen = null;
        for (var i = 0; i < 100; i++)
        {
            var live = await app.Http.GetNode("/api/networks/sample/live");
            seen = (string?)live["stations"]!.AsArray().First(s => (string)s!["stationId"]! == stationId)!["status"];
            if (seen == status)
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"the live snapshot shows {stationId} as {seen}, not {status}, after 10 s");
    }
}
