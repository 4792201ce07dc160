using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>The tablet outbox's batch endpoint on the embedded default.</summary>
public class EventBatchTests(AppFixture app) : EventBatchContract(app), IClassFixture<AppFixture>;

/// <summary>The same, test for test, on PostgreSQL (one journal transaction per batch).</summary>
public class EventBatchTestsOnPostgres(PostgresAppFixture pg) : EventBatchContract(pg.App), IClassFixture<PostgresAppFixture>;

/// <summary>A batch answers each event as the single POST would, and a bad event never costs the others theirs.</summary>
public abstract class EventBatchContract(StationNetApp app)
{
    [Fact]
    public async Task A_batch_counts_each_event_once_and_a_resent_batch_is_all_duplicates()
    {
        using var tablet = await app.Tablet("sample-03");
        var before = await app.Http.GetNode("/api/stations/sample-03");
        var events = Enumerable.Range(0, 60).Select(i => new
        {
            id = Guid.NewGuid(), service = i % 2 == 0 ? "visit" : "water", quantity = 1 + i % 3,
            occurredAt = app.Clock.GetUtcNow().AddMinutes(-60 + i), workerGroup = i % 5 == 0 ? "courier" : null,
        }).ToList();

        using var first = await tablet.PostAsJsonAsync("/api/stations/sample-03/events/batch", new { events });
        using var again = await tablet.PostAsJsonAsync("/api/stations/sample-03/events/batch", new { events });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var reply = await first.ReadNode();
        var results = reply["results"]!.AsArray();
        Assert.Equal(events.Select(e => e.id.ToString()), results.Select(r => (string?)r!["id"]));
        Assert.All(results, r => Assert.Equal("counted", (string?)r!["status"]));
        var visits = events.Where(e => e.service == "visit").Sum(e => e.quantity);
        var water = events.Where(e => e.service == "water").Sum(e => e.quantity);
        Assert.Equal(before["counts"].Count("visit") + visits, reply["counts"].Count("visit"));
        Assert.Equal(before["counts"].Count("water") + water, reply["counts"].Count("water"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var resent = await again.ReadNode();
        Assert.All(resent["results"]!.AsArray(), r => Assert.Equal(("duplicate", true), ((string?)r!["status"], (bool)r["duplicate"]!)));
        Assert.Equal(reply["counts"]!.ToJsonString(), resent["counts"]!.ToJsonString());
        var station = await app.Http.GetNode("/api/stations/sample-03");
        Assert.Equal(reply["counts"]!.ToJsonString(), station["counts"]!.ToJsonString());
    }

    [Fact]
    public async Task A_bad_event_gets_its_own_problem_and_the_rest_are_counted()
    {
        using var tablet = await app.Tablet("sample-06");
        var used = Guid.NewGuid();
        using (var single = await tablet.PostEvent("sample-06", new { id = used, service = "water", quantity = 2 }))
        {
            Assert.Equal(HttpStatusCode.Created, single.StatusCode);
        }
        var before = await app.Http.GetNode("/api/stations/sample-06");
        var good = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var events = new JsonArray(
            new JsonObject { ["id"] = good[0], ["service"] = "visit" },
            new JsonObject { ["id"] = Guid.NewGuid(), ["service"] = "teleport" },
            new JsonObject { ["service"] = "visit" },
            new JsonObject { ["id"] = Guid.NewGuid(), ["service"] = "visit", ["quantity"] = 99 },
            new JsonObject { ["id"] = used, ["service"] = "water", ["quantity"] = 3 },
            new JsonObject { ["id"] = used, ["service"] = "water", ["quantity"] = 2 },
            new JsonObject { ["id"] = good[1], ["service"] = "visit", ["attendant"] = new string('长', 41) },
            new JsonObject { ["id"] = good[2], ["service"] = "visit", ["quantity"] = 4 });

        using var response = await tablet.PostAsJsonAsync("/api/stations/sample-06/events/batch", new JsonObject { ["events"] = events });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await response.ReadNode();
        var results = reply["results"]!.AsArray();
        Assert.Equal(8, results.Count);
        (string Status, int? Problem, string? Field)[] expected =
        [
            ("counted", null, null), ("refused", 400, "service"), ("refused", 400, "id"), ("refused", 400, "quantity"),
            ("conflict", 409, "id"), ("duplicate", null, null), ("refused", 400, "attendant"), ("counted", null, null),
        ];
        for (var i = 0; i < expected.Length; i++)
        {
            var r = results[i]!;
            Assert.True(expected[i] == ((string)r["status"]!, (int?)r["problem"]?["status"], (string?)r["problem"]?["field"]), $"event {i}: {r.ToJsonString()}");
            if (r["problem"] is { } problem)
            {
                Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", (string)problem["detail"]!);
                Assert.Matches("[a-z]{4}", (string)problem["detail"]!);
            }
        }
        Assert.Null(results[2]!["id"]);
        Assert.Equal(before["counts"].Count("visit") + 1 + 4, reply["counts"].Count("visit"));
        Assert.Equal(before["counts"].Count("water"), reply["counts"].Count("water"));
    }

    [Fact]
    public async Task An_empty_or_oversized_batch_is_a_400_problem_naming_events()
    {
        var before = (await app.Http.GetNode("/api/stations/sample-05"))["counts"]!.ToJsonString();
        var tooMany = Enumerable.Range(0, 101).Select(_ => new { id = Guid.NewGuid(), service = "visit" }).ToList();
        foreach (var body in new object[] { new { events = Array.Empty<object>() }, new { }, new { events = tooMany } })
        {
            using var response = await app.Http.PostAsJsonAsync("/api/stations/sample-05/events/batch", body);
            var detail = await Problem.Assert4xx(response, HttpStatusCode.BadRequest);
            Assert.Contains("events", detail);
        }
        Assert.Equal(before, (await app.Http.GetNode("/api/stations/sample-05"))["counts"]!.ToJsonString());
    }

    [Fact]
    public async Task Another_stations_tablet_is_refused_and_an_unknown_station_is_a_404()
    {
        using var tablet = await app.Tablet("sample-09");
        var body = new { events = new[] { new { id = Guid.NewGuid(), service = "visit" } } };
        using var other = await tablet.PostAsJsonAsync("/api/stations/sample-10/events/batch", body);
        await Problem.Assert4xx(other, HttpStatusCode.Forbidden);
        using var unknown = await app.Http.PostAsJsonAsync("/api/stations/nowhere/events/batch", body);
        await Problem.Assert4xx(unknown, HttpStatusCode.NotFound);
    }
}
