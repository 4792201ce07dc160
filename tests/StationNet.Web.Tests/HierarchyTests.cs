using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>Networks of networks (#21): the tree in the admin API, moves, cycles refused, a province's live picture and its reports.</summary>
public class HierarchyTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Networks_form_a_tree_moves_are_kept_and_a_cycle_is_refused()
    {
        await Add("h-country", null);
        await Add("h-prov", "h-country");
        await Add("h-city", "h-prov");

        using var cycle = await app.Http.PutAsJsonAsync("/api/admin/networks/h-country", new { name = "国", nameEn = "Country", parentId = "h-city" });
        using var self = await app.Http.PutAsJsonAsync("/api/admin/networks/h-prov", new { name = "省", nameEn = "Province", parentId = "h-prov" });
        using var unknown = await app.Http.PostAsJsonAsync("/api/admin/networks", new { id = "h-orphan", name = "孤", nameEn = "Orphan", parentId = "h-nowhere" });
        using var move = await app.Http.PutAsJsonAsync("/api/admin/networks/h-city", new { name = "市", nameEn = "City", parentId = "h-country" });
        var tree = (await app.Http.GetNode("/api/admin/networks")).AsArray();

        var cycleDetail = await Problem.Assert4xx(cycle, HttpStatusCode.BadRequest);
        Assert.Contains("cycle", cycleDetail);
        Assert.Contains("不能移到自己的下级网络之下", cycleDetail);
        await Problem.Assert4xx(self, HttpStatusCode.BadRequest);
        Assert.Contains("上级网络不存在", await Problem.Assert4xx(unknown, HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.OK, move.StatusCode);
        var country = tree.Single(n => (string)n!["id"]! == "h-country")!;
        Assert.Equal(["h-city", "h-prov"], country["children"]!.AsArray().Select(c => (string)c!["id"]!).Order());
        Assert.Empty(country["children"]!.AsArray().Single(c => (string)c!["id"]! == "h-prov")!["children"]!.AsArray());
        Assert.DoesNotContain(tree, n => (string)n!["id"]! == "h-city");
        Assert.Equal("h-country", (string)(await app.Http.GetNode("/api/networks/h-city"))["parentId"]!);
    }

    [Fact]
    public async Task A_province_live_picture_adds_up_its_cities_and_follows_a_tap()
    {
        await Add("lp-prov", null);
        await Add("lp-a", "lp-prov");
        await Add("lp-b", "lp-prov");
        await Station("lp-a", "lp-a-01");
        await Station("lp-b", "lp-b-01");
        await Station("lp-b", "lp-b-02");

        await Tap("lp-a-01", "visit", 2);
        await Tap("lp-b-01", "water", 3);
        await Tap("lp-b-02", "visit", 1);

        JsonNode live = null!;
        await Poll.Until(async () =>
        {
            live = await app.Http.GetNode("/api/networks/lp-prov/live");
            return live["totals"].Count("visit") == 3 && live["totals"].Count("water") == 3;
        }, "the province's totals to be its cities' totals (visit 3, water 3)");
        var children = live["children"]!.AsArray();
        Assert.Equal(["lp-a", "lp-b"], children.Select(c => (string)c!["networkId"]!));
        Assert.Equal(2, children[0]!["totals"].Count("visit"));
        Assert.Equal(4, children[1]!["totals"]!.AsObject().Sum(p => (int)p.Value!));
        Assert.Equal(2, (int)children[1]!["stations"]!);
        var view = await app.Http.GetNode("/api/networks/lp-prov");
        Assert.Equal(["lp-b-01", "lp-b-02"], view["children"]!.AsArray().Single(c => (string)c!["id"]! == "lp-b")!["stations"]!.AsArray().Select(s => (string)s!["id"]!));
    }

    [Fact]
    public async Task A_city_that_moves_takes_its_numbers_from_the_old_province_to_the_new()
    {
        await Add("mv-old", null);
        await Add("mv-new", null);
        await Add("mv-city", "mv-old");
        await Station("mv-city", "mv-city-01");
        await Tap("mv-city-01", "visit", 5);
        await Poll.Until(async () => (await app.Http.GetNode("/api/networks/mv-old/live"))["totals"].Count("visit") == 5, "the old province to count its city's 5 visits");

        using var moved = await app.Http.PutAsJsonAsync("/api/admin/networks/mv-city", new { name = "测试mv-city", nameEn = "Test mv-city", parentId = "mv-new" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await Tap("mv-city-01", "visit", 1);

        await Poll.Until(async () => (await app.Http.GetNode("/api/networks/mv-new/live"))["totals"].Count("visit") == 6, "the new province to count the moved city's 6 visits");
        var old = await app.Http.GetNode("/api/networks/mv-old/live");
        Assert.Equal(0, old["totals"].Count("visit"));
        Assert.Empty(old["children"]!.AsArray());
    }

    [Fact]
    public async Task A_scoped_manager_watches_walls_inside_its_subtree_only()
    {
        await Add("hub-prov", null);
        await Add("hub-city", "hub-prov");
        await Add("hub-other", null);
        using (var created = await app.Http.PostAsJsonAsync("/api/admin/accounts",
            new { username = "hub-scoped", role = "manager", password = "hub-scoped-password-1", networkId = "hub-prov" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
        await Sessions.SetAntiforgery(http);
        using (var login = await http.PostAsJsonAsync("/api/auth/login", new { username = "hub-scoped", password = "hub-scoped-password-1" }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/live"), o => o.Cookies = cookies).Build();
        await hub.StartAsync();

        var inside = await hub.InvokeAsync<JsonNode>("Watch", "hub-city");
        var province = await hub.InvokeAsync<JsonNode>("Watch", "hub-prov");
        var outside = await Assert.ThrowsAnyAsync<Exception>(() => hub.InvokeAsync<JsonNode>("Watch", "hub-other"));

        Assert.Equal("hub-city", (string)inside["networkId"]!);
        Assert.Equal("hub-prov", (string)province["networkId"]!);
        Assert.Contains("无权查看该网络", outside.Message);
    }

    [Fact]
    public async Task Reports_over_a_subtree_equal_the_sum_of_the_children()
    {
        await Add("rp-prov", null);
        await Add("rp-a", "rp-prov");
        await Add("rp-b", "rp-prov");
        await Add("rp-b-district", "rp-b");
        await Station("rp-a", "rp-a-01");
        await Station("rp-b", "rp-b-01");
        await Station("rp-b-district", "rp-bd-01");
        await Tap("rp-a-01", "visit", 4);
        await Tap("rp-b-01", "visit", 2);
        await Tap("rp-bd-01", "water", 5);

        var province = await app.Http.GetNode("/api/reports/summary?networkId=rp-prov");
        var a = await app.Http.GetNode("/api/reports/summary?networkId=rp-a");
        var b = await app.Http.GetNode("/api/reports/summary?networkId=rp-b");
        var stations = await app.Http.GetNode("/api/reports/summary?networkId=rp-prov&detail=stations");
        var daily = (await app.Http.GetNode("/api/reports/daily?networkId=rp-prov")).AsArray();
        var csv = await app.Http.GetStringAsync("/api/reports/summary?networkId=rp-prov&format=csv");

        Assert.Equal((int)a["total"]! + (int)b["total"]!, (int)province["total"]!);
        Assert.Equal(11, (int)province["total"]!);
        var children = province["children"]!.AsArray();
        Assert.Equal(["rp-a", "rp-b"], children.Select(c => (string)c!["networkId"]!));
        Assert.Equal((int)a["total"]!, (int)children[0]!["total"]!);
        Assert.Equal((int)b["total"]!, (int)children[1]!["total"]!);
        Assert.Equal(7, (int)b["total"]!); // a city's report covers its own subtree too
        Assert.Empty(province["stations"]!.AsArray());
        Assert.Equal(["rp-a-01", "rp-b-01", "rp-bd-01"], stations["stations"]!.AsArray().Select(s => (string)s!["stationId"]!).Order());
        Assert.Equal(11, daily.Sum(r => (int)r!["count"]!));
        Assert.Contains("rp-a", csv);
        Assert.Contains("rp-b", csv);
    }

    private Task Add(string id, string? parentId) => TreeChecks.AddNetwork(app.Http, id, parentId);

    private Task Station(string networkId, string id) => TreeChecks.AddStation(app.Http, networkId, id, 30.5, 114.3);

    private async Task Tap(string stationId, string service, int quantity)
    {
        using var posted = await app.Http.PostEvent(stationId, new { id = Guid.NewGuid(), service, quantity });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
    }
}
