using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using StationNet.Grains.Live;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>Administration through the API: stations, catalog, screen links; changes reach open screens.</summary>
public class AdminTests(AppFixture app) : IClassFixture<AppFixture>
{
    private object NewStation(string id) => new
    {
        id, name = "测试新驿站 " + id, township = "测试街道", services = new[] { "visit", "water" },
        openingHours = new { opens = "07:00", closes = "21:00" }, seats = 12,
    };

    [Fact]
    public async Task A_new_station_takes_events_and_an_open_wall_hears_of_it_without_a_reload()
    {
        var (_, token) = await Sessions.NewScreenLink(app.Http, "sample");
        var networkChanged = Channel.CreateUnbounded<bool>();
        await using var wall = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token)).Build();
        wall.On<object>("network", _ => networkChanged.Writer.TryWrite(true));
        await wall.StartAsync();
        await wall.InvokeAsync<LiveSnapshot>("Watch", "sample");

        using var created = await app.Http.PostAsJsonAsync("/api/admin/networks/sample/stations", NewStation("new-one"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.True(await networkChanged.Reader.ReadAsync(timeout.Token));
        var network = await app.Http.GetNode("/api/networks/sample");
        Assert.Contains(network["stations"]!.AsArray(), s => (string?)s!["id"] == "new-one");
        using var tablet = await app.Tablet("new-one");
        using var posted = await tablet.PostEvent("new-one", new { id = Guid.NewGuid(), service = "water", quantity = 2 });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var fresh = await wall.InvokeAsync<LiveSnapshot>("Watch", "sample");
        Assert.Contains(fresh.Stations, s => s.StationId == "new-one");
    }

    [Fact]
    public async Task A_retired_station_keeps_its_history_and_takes_no_events()
    {
        using (var created = await app.Http.PostAsJsonAsync("/api/admin/networks/sample/stations", NewStation("old-one")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        using (var posted = await app.Http.PostEvent("old-one", new { id = Guid.NewGuid(), service = "visit", quantity = 3 }))
        {
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        using var retired = await app.Http.PostAsync("/api/admin/stations/old-one/retire", null);

        Assert.True((bool)(await retired.ReadNode())["retired"]!);
        using var refused = await app.Http.PostEvent("old-one", new { id = Guid.NewGuid(), service = "visit" });
        await Problem.Assert4xx(refused, HttpStatusCode.Conflict);
        var report = (await app.Http.GetNode("/api/reports/daily?networkId=sample&stationId=old-one")).AsArray();
        Assert.Equal(3, report.Single()!["count"]!.GetValue<int>());
        var live = await app.Http.GetNode("/api/networks/sample/live");
        Assert.DoesNotContain(live["stations"]!.AsArray(), s => (string?)s!["stationId"] == "old-one");
    }

    [Fact]
    public async Task A_station_location_is_optional_wgs84_and_kept_through_an_edit_and_the_network_view()
    {
        using (var created = await app.Http.PostAsJsonAsync("/api/admin/networks/sample/stations", new
        {
            id = "located", name = "测试定位驿站", township = "测试街道", services = new[] { "visit" },
            openingHours = new { opens = "07:00", closes = "21:00" }, seats = 4, location = new { lat = 30.5843, lng = 114.298 },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var body = await created.ReadNode();
            Assert.Equal(30.5843, (double)body["location"]!["lat"]!);
        }
        var network = await app.Http.GetNode("/api/networks/sample");
        var station = network["stations"]!.AsArray().Single(s => (string?)s!["id"] == "located")!;
        Assert.Equal(114.298, (double)station["location"]!["lng"]!);
        Assert.All(network["stations"]!.AsArray().Where(s => ((string)s!["id"]!).StartsWith("sample-", StringComparison.Ordinal)),
            s => Assert.InRange((double)s!["location"]!["lat"]!, 30.3, 30.9)); // the sample stations stand in their city

        foreach (var bad in new object[] { new { lat = 91.0, lng = 0.0 }, new { lat = 0.0, lng = -180.5 }, new { lat = 30.0 } })
        {
            using var refused = await app.Http.PutAsJsonAsync("/api/admin/stations/located", new
            {
                name = "测试定位驿站", township = "测试街道", services = new[] { "visit" }, openingHours = new { opens = "07:00", closes = "21:00" }, seats = 4, location = bad,
            });
            await Problem.Assert4xx(refused, HttpStatusCode.BadRequest);
            Assert.Equal(["location"], (await refused.ReadNode())["errors"]!.AsObject().Select(e => e.Key).ToList());
        }
        using var cleared = await app.Http.PutAsJsonAsync("/api/admin/stations/located", new
        {
            name = "测试定位驿站", township = "测试街道", services = new[] { "visit" }, openingHours = new { opens = "07:00", closes = "21:00" }, seats = 4,
        });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Null((await cleared.ReadNode())["location"]);
    }

    [Fact]
    public async Task Bad_station_input_is_a_validation_problem_naming_each_field()
    {
        using var response = await app.Http.PostAsJsonAsync("/api/admin/networks/sample/stations", new
        {
            id = "Bad Id!", name = "", services = new[] { "massage" }, openingHours = new { opens = "7am", closes = "25:00" }, seats = -1,
        });
        await Problem.Assert4xx(response, HttpStatusCode.BadRequest);
        var errors = (await response.ReadNode())["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Equal(["id"], errors);

        using var second = await app.Http.PostAsJsonAsync("/api/admin/networks/sample/stations", new
        {
            id = "fine-id", name = "", services = new[] { "massage" }, openingHours = new { opens = "7am", closes = "25:00" }, seats = -1,
        });
        var fields = (await second.ReadNode())["errors"]!.AsObject().Select(e => e.Key).OrderBy(k => k).ToList();
        Assert.Equal(["name", "openingHours", "seats", "services"], fields);
    }

    [Fact]
    public async Task The_catalog_names_can_be_changed_and_unknown_services_are_refused()
    {
        var services = (await app.Http.GetNode("/api/networks/sample"))["services"]!.AsArray()
            .Select(s => new { id = (string)s!["id"]!, name = (string)s["name"]!, nameEn = (string)s["nameEn"]! }).ToList();
        services[0] = services[0] with { name = "歇脚" };

        using var saved = await app.Http.PutAsJsonAsync("/api/admin/networks/sample/services", services);
        using var bad = await app.Http.PutAsJsonAsync("/api/admin/networks/sample/services", new[] { new { id = "massage", name = "按摩", nameEn = "Massage" } });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("歇脚", (string?)(await app.Http.GetNode("/api/networks/sample"))["services"]![0]!["name"]);
        await Problem.Assert4xx(bad, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Revoking_a_screen_link_disconnects_its_screens()
    {
        var (linkId, token) = await Sessions.NewScreenLink(app.Http, "sample");
        var closed = new TaskCompletionSource();
        await using var wall = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token)).Build();
        wall.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await wall.StartAsync();
        await wall.InvokeAsync<LiveSnapshot>("Watch", "sample");

        using var revoked = await app.Http.PostAsync($"/api/admin/screen-links/{linkId}/revoke", null);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Disconnected, wall.State);
        var reconnect = await Assert.ThrowsAnyAsync<Exception>(() => wall.StartAsync());
        Assert.Contains("401", reconnect.Message);
        using var snapshot = await Sessions.WithToken(app.BaseAddress, token).GetAsync("/api/networks/sample/live");
        await Problem.Assert4xx(snapshot, HttpStatusCode.Unauthorized);
    }
}

/// <summary>Networks are added and changed by administrators; the first one too, with no sample data.</summary>
public class NetworkAdminTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_administrator_adds_a_network_then_a_station_and_a_tablet_counts_there()
    {
        using var created = await app.Http.PostAsJsonAsync("/api/admin/networks", new { id = "harbin", name = "哈尔滨市总工会驿站", nameEn = "Harbin union stations", timeZone = "Asia/Harbin" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var again = await app.Http.PostAsJsonAsync("/api/admin/networks", new { id = "harbin", name = "x", nameEn = "x" });
        await Problem.Assert4xx(again, HttpStatusCode.Conflict);
        var list = (await app.Http.GetNode("/api/networks")).AsArray();
        Assert.Contains(list, n => (string?)n!["id"] == "harbin" && (string?)n["timeZone"] == "Asia/Harbin");

        using (var station = await app.Http.PostAsJsonAsync("/api/admin/networks/harbin/stations", new
        {
            id = "harbin-01", name = "中央大街驿站", township = "道里区", services = new[] { "visit", "water" },
            openingHours = new { opens = "08:00", closes = "20:00" }, seats = 8,
        }))
        {
            Assert.Equal(HttpStatusCode.Created, station.StatusCode);
        }
        using var tablet = await app.Tablet("harbin-01");
        using var posted = await tablet.PostEvent("harbin-01", new { id = Guid.NewGuid(), service = "water", quantity = 2 });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var live = await app.Http.GetNode("/api/networks/harbin/live");
        Assert.Equal(2, live["totals"].Count("water"));

        using var renamed = await app.Http.PutAsJsonAsync("/api/admin/networks/harbin", new { name = "哈尔滨驿站网络", nameEn = "Harbin stations", timeZone = "Asia/Shanghai" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("哈尔滨驿站网络", (string?)(await app.Http.GetNode("/api/networks/harbin"))["name"]);
    }

    [Fact]
    public async Task A_network_with_a_bad_id_name_or_time_zone_is_refused_field_by_field()
    {
        using var bad = await app.Http.PostAsJsonAsync("/api/admin/networks", new { id = "Not An Id", name = "", nameEn = "", timeZone = "Mars/Olympus" });
        await Problem.Assert4xx(bad, HttpStatusCode.BadRequest);
        var fields = (await bad.ReadNode())["errors"]!.AsObject().Select(e => e.Key).OrderBy(k => k).ToList();
        Assert.Equal(["id", "name", "timeZone"], fields);
    }
}
