using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StationNet.Grains.Feedback;
using StationNet.Web.Tests;

namespace StationNet.Tests;

/// <summary>Workers' ratings through the API, the same on either backend: once per browser, station and day; follow-up; satisfaction.</summary>
public static class FeedbackChecks
{
    /// <summary>A user agent no stored row may hold.</summary>
    public const string UserAgent = "FeedbackProbe/7.3 (identifying-browser)";

    public static HttpClient Phone(StationNetApp app)
    {
        var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        return http;
    }

    /// <summary>A manager's session: managers follow up ratings.</summary>
    public static async Task<HttpClient> Manager(StationNetApp app, string name = "feedback-mgr")
    {
        using var created = await app.Http.PostAsJsonAsync("/api/admin/accounts", new { username = name, displayName = name, role = "manager", password = "manager-password-1" });
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)created.StatusCode}");
        return await Sessions.SignIn(app.BaseAddress, name, "manager-password-1");
    }

    public static Task<HttpResponseMessage> Rate(HttpClient phone, string stationId, object body) =>
        phone.PostAsJsonAsync($"/api/public/stations/{stationId}/feedback", body);

    /// <summary>sample-03 and sample-04; the clock moves a day ahead and back.</summary>
    public static async Task RatingsAreKeptOncePerBrowserStationAndDay(StationNetApp app, string device)
    {
        using var phone = Phone(app);
        var id = Guid.NewGuid();
        var rating = new { id, device, rating = 5, tags = new[] { "friendly", "clean" }, comment = "很好\n谢谢" };
        using (var created = await Rate(phone, "sample-03", rating))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
            Assert.False((bool)(await created.ReadNode())["duplicate"]!);
        }
        using (var again = await Rate(phone, "sample-03", rating))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.True((bool)(await again.ReadNode())["duplicate"]!);
        }
        using (var changed = await Rate(phone, "sample-03", rating with { rating = 4 }))
        {
            Assert.Contains("different", await Problem.Assert4xx(changed, HttpStatusCode.Conflict));
        }
        using (var second = await Rate(phone, "sample-03", rating with { id = Guid.NewGuid(), rating = 1 }))
        {
            Assert.Contains("already rated this station today", await Problem.Assert4xx(second, HttpStatusCode.Conflict));
        }
        using (var otherStation = await Rate(phone, "sample-04", rating with { id = Guid.NewGuid() }))
        {
            Assert.Equal(HttpStatusCode.Created, otherStation.StatusCode);
        }
        using (var otherPhone = await Rate(phone, "sample-03", rating with { id = Guid.NewGuid(), device = Guid.NewGuid().ToString(), rating = 3 }))
        {
            Assert.Equal(HttpStatusCode.Created, otherPhone.StatusCode);
        }
        app.Clock.Advance(TimeSpan.FromDays(1));
        try
        {
            using var tomorrow = await Rate(phone, "sample-03", rating with { id = Guid.NewGuid(), rating = 4 });
            Assert.Equal(HttpStatusCode.Created, tomorrow.StatusCode);
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromDays(-1));
        }

        var bad = new (string Field, object Body)[]
        {
            ("rating", rating with { id = Guid.NewGuid(), rating = 0 }),
            ("rating", rating with { id = Guid.NewGuid(), rating = 6 }),
            ("tags", rating with { id = Guid.NewGuid(), tags = new[] { "dirty" } }),
            ("tags", rating with { id = Guid.NewGuid(), tags = new[] { "clean", "clean" } }),
            ("comment", rating with { id = Guid.NewGuid(), comment = new string('长', FeedbackLimits.Comment + 1) }),
            ("comment", rating with { id = Guid.NewGuid(), comment = "a\u0000b" }),
            ("device", rating with { id = Guid.NewGuid(), device = "short" }),
            ("device", new { id = Guid.NewGuid(), rating = 5 }),
            ("id", new { device, rating = 5 }),
        };
        foreach (var (field, body) in bad)
        {
            using var refused = await Rate(phone, "sample-09", body);
            await Problem.Assert4xx(refused, HttpStatusCode.BadRequest);
            Assert.True((await refused.ReadNode())["errors"]?[field] is not null, $"the problem does not name {field}");
        }
        using (var nowhere = await Rate(phone, "no-such-station", rating with { id = Guid.NewGuid() }))
        {
            await Problem.Assert4xx(nowhere, HttpStatusCode.NotFound);
        }

        var listed = (await app.Http.GetNode("/api/reports/feedback?networkId=sample&stationId=sample-03")).AsArray();
        Assert.Equal(2, listed.Count); // today's: this phone's 5 and the other phone's 3; nothing from sample-09
        var mine = listed.Single(i => (Guid)i!["id"]! == id)!;
        Assert.Equal(["clean", "friendly"], mine["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("很好 谢谢", (string)mine["comment"]!);
        Assert.Equal("new", (string)mine["status"]!);
        Assert.Equal(0, ((DateTimeOffset)mine["createdAt"]!).Second);
        Assert.DoesNotContain(device, listed.ToJsonString());
        Assert.Null(mine["device"]);
    }

    /// <summary>sample-05: four ratings, low first; a complaint answered step by step; satisfaction follows.</summary>
    public static async Task FollowUpKeepsHistoryAndSatisfactionFollows(StationNetApp app, HttpClient manager)
    {
        using var phone = Phone(app);
        var ids = new Dictionary<int, Guid>();
        foreach (var stars in new[] { 4, 1, 5, 2 })
        {
            ids[stars] = Guid.NewGuid();
            using var r = await Rate(phone, "sample-05", new { id = ids[stars], device = Guid.NewGuid().ToString(), rating = stars,
                tags = stars == 1 ? new[] { "not-open" } : Array.Empty<string>(), comment = stars == 1 ? "八点半还没开门" : null });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }
        var listed = (await manager.GetNode("/api/reports/feedback?networkId=sample&stationId=sample-05")).AsArray();
        Assert.Equal([1, 2, 4, 5], listed.Select(i => (int)i!["rating"]!));
        Assert.Equal(new Satisfied(4, 3.0, 0.5, 2), await Satisfaction(manager, "sample-05"));

        var progress = await Patch(manager, ids[1], new { status = "in-progress", note = "已联系站长" });
        Assert.Equal("in-progress", (string)progress["status"]!);
        Assert.Equal(2, (await Satisfaction(manager, "sample-05")).Open);
        var resolved = await Patch(manager, ids[1], new { status = "resolved", note = "已调整开门时间" });
        Assert.Equal(["in-progress", "resolved"], resolved["notes"]!.AsArray().Select(n => (string)n!["status"]!));
        Assert.Equal(["已联系站长", "已调整开门时间"], resolved["notes"]!.AsArray().Select(n => (string)n!["note"]!));
        Assert.NotNull((string?)resolved["resolvedOn"]);
        Assert.Equal(1, (await Satisfaction(manager, "sample-05")).Open);
        await Patch(manager, ids[2], new { status = "dismissed" });
        Assert.Equal(new Satisfied(4, 3.0, 0.5, 0), await Satisfaction(manager, "sample-05"));

        using (var wrong = await manager.PatchAsJsonAsync($"/api/admin/feedback/{ids[4]}", new { status = "done" }))
        {
            await Problem.Assert4xx(wrong, HttpStatusCode.BadRequest);
        }
        using (var longNote = await manager.PatchAsJsonAsync($"/api/admin/feedback/{ids[4]}", new { status = "resolved", note = new string('长', FeedbackLimits.Note + 1) }))
        {
            await Problem.Assert4xx(longNote, HttpStatusCode.BadRequest);
        }
        using (var unknown = await manager.PatchAsJsonAsync($"/api/admin/feedback/{Guid.NewGuid()}", new { status = "resolved" }))
        {
            await Problem.Assert4xx(unknown, HttpStatusCode.NotFound);
        }
        var onlyResolved = (await manager.GetNode("/api/reports/feedback?networkId=sample&stationId=sample-05&status=resolved")).AsArray();
        Assert.Equal([ids[1]], onlyResolved.Select(i => (Guid)i!["id"]!));
        // The history survives a reload from storage, in order.
        var reloaded = (await manager.GetNode("/api/reports/feedback?networkId=sample&stationId=sample-05")).AsArray().Single(i => (Guid)i!["id"]! == ids[1])!;
        Assert.Equal(["in-progress", "resolved"], reloaded["notes"]!.AsArray().Select(n => (string)n!["status"]!));
        var csv = await manager.GetStringAsync("/api/reports/feedback?networkId=sample&stationId=sample-05&format=csv");
        Assert.Contains("八点半还没开门", csv);
        Assert.Contains("未开门", csv);
    }

    public sealed record Satisfied(int Ratings, double? Mean, double? LowShare, int Open);

    public static async Task<Satisfied> Satisfaction(HttpClient manager, string stationId)
    {
        var row = (await manager.GetNode("/api/reports/satisfaction?networkId=sample")).AsArray().Single(s => (string)s!["stationId"]! == stationId)!;
        return new((int)row["ratings"]!, (double?)row["mean"], (double?)row["lowShare"], (int)row["openComplaints"]!);
    }

    private static async Task<JsonNode> Patch(HttpClient manager, Guid id, object body)
    {
        using var response = await manager.PatchAsJsonAsync($"/api/admin/feedback/{id}", body);
        var node = await response.ReadNode();
        Assert.True(response.StatusCode == HttpStatusCode.OK, node.ToJsonString());
        return node;
    }
}
