using System.Net;
using System.Text.Json.Nodes;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>The public finder's API: its shape, GeoJSON, and that it reveals nothing but places, hours and status.</summary>
public class PublicApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] PublicFields = ["id", "name", "township", "address", "location", "services", "openingHours", "is24h", "status", "openNow", "phone"];

    [Fact]
    public async Task Anyone_gets_the_stations_with_status_and_nothing_about_tablets_people_or_counts()
    {
        var token = await Sessions.PairTablet(app.Http, "sample-03");
        var deviceId = token[2..token.IndexOf('.')];
        using var tablet = Sessions.WithToken(app.BaseAddress, token);
        await OpeningChecks.Post(tablet, "sample-03", "open");
        using (var tap = await tablet.PostEvent("sample-03", new { id = Guid.NewGuid(), service = "water", attendant = "王师傅-秘密", workerGroup = "courier" }))
        {
            Assert.Equal(HttpStatusCode.Created, tap.StatusCode);
        }

        using var response = await app.Anonymous.GetAsync("/api/public/networks/sample/stations");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=30", response.Headers.CacheControl?.ToString());
        var body = await response.Content.ReadAsStringAsync();
        var stations = JsonNode.Parse(body)!.AsArray();
        Assert.Equal(18, stations.Count);
        foreach (var s in stations)
        {
            Assert.Equal(PublicFields.Order(), s!.AsObject().Select(p => p.Key).Order());
            Assert.Equal(["closes", "opens"], s["openingHours"]!.AsObject().Select(p => p.Key).Order());
            Assert.Equal(["lat", "lng"], s["location"]!.AsObject().Select(p => p.Key).Order());
        }
        var open = stations.Single(s => (string)s!["id"]! == "sample-03")!;
        Assert.Equal("open", (string)open["status"]!);
        Assert.True((bool)open["openNow"]!);
        Assert.InRange((double)open["location"]!["lat"]!, 30.3, 30.9); // the sample city's stations, in WGS-84
        Assert.True((bool)stations.Single(s => (string)s!["id"]! == "sample-02")!["is24h"]!);
        foreach (var secret in new[] { "王师傅", "courier", "seats", "counts", "device", "attendant", "lastEventAt", deviceId })
        {
            Assert.DoesNotContain(secret, body);
        }
    }

    [Fact]
    public async Task The_network_list_names_each_city_with_stations_its_parent_and_count_and_nothing_else()
    {
        using var response = await app.Anonymous.GetAsync("/api/public/networks");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=30", response.Headers.CacheControl?.ToString());
        var networks = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(n => n!).ToList();
        foreach (var n in networks)
        {
            Assert.Equal(new[] { "id", "isSample", "name", "nameEn", "parentName", "parentNameEn", "stations" }, n.AsObject().Select(p => p.Key).Order());
        }
        var sample = networks.Single(n => (string)n["id"]! == "sample");
        Assert.True((bool)sample["isSample"]!);
        Assert.Equal(18, (int)sample["stations"]!);
        Assert.Equal("示例省", ((string?)sample["parentName"])?[..3]);
        // A network above the cities has no stations of its own: a worker could find nothing there.
        Assert.DoesNotContain(networks, n => (string)n["id"]! == "sample-province");
    }

    [Fact]
    public async Task The_geojson_is_a_feature_collection_of_points_lng_lat_with_the_same_fields()
    {
        var list = (await app.Anonymous.GetNode("/api/public/networks/sample/stations")).AsArray();

        using var response = await app.Anonymous.GetAsync("/api/public/networks/sample/stations.geojson");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var geo = await response.ReadNode();
        Assert.Equal("FeatureCollection", (string)geo["type"]!);
        var features = geo["features"]!.AsArray();
        Assert.Equal(list.Count, features.Count);
        foreach (var f in features)
        {
            Assert.Equal("Feature", (string)f!["type"]!);
            Assert.Equal("Point", (string)f["geometry"]!["type"]!);
            var station = list.Single(s => (string)s!["id"]! == (string)f["id"]!)!;
            var coordinates = f["geometry"]!["coordinates"]!.AsArray().Select(c => (double)c!).ToArray();
            Assert.Equal([(double)station["location"]!["lng"]!, (double)station["location"]!["lat"]!], coordinates);
            Assert.Equal(PublicFields.Order(), f["properties"]!.AsObject().Select(p => p.Key).Order());
            Assert.Equal((string)station["name"]!, (string)f["properties"]!["name"]!);
        }
    }

    [Fact]
    public async Task An_unknown_network_is_a_404_problem_and_the_network_shows_only_names()
    {
        using var missing = await app.Anonymous.GetAsync("/api/public/networks/nowhere/stations.geojson");
        await Problem.Assert4xx(missing, HttpStatusCode.NotFound);
        var network = await app.Anonymous.GetNode("/api/public/networks/sample");
        Assert.Equal(["id", "isSample", "name", "nameEn", "services", "timeZone"], network.AsObject().Select(p => p.Key).Order());
        Assert.True((bool)network["isSample"]!);
    }
}

public sealed class PublicLimitApp() : StationNetApp(settings: new Dictionary<string, string>
{
    ["StationNet:RateLimits:PublicPerIpPerMinute"] = "3",
    ["StationNet:RateLimits:HeartbeatsPerMinute"] = "3",
});

/// <summary>The finder's API and heartbeats have limits of their own: 429 with Retry-After.</summary>
[Trait("Category", "Reliability")]
public class PublicLimitTests(PublicLimitApp app) : IClassFixture<PublicLimitApp>
{
    [Fact]
    public async Task The_public_api_and_heartbeats_answer_429_beyond_their_limits()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var r = await app.Anonymous.GetAsync("/api/public/networks/sample/stations");
            statuses.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(r.Headers.RetryAfter);
                await Problem.Assert4xx(r, HttpStatusCode.TooManyRequests);
            }
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        using var tablet = await app.Tablet("sample-04");
        var beats = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var r = await tablet.PostAsync("/api/stations/sample-04/heartbeat", null);
            beats.Add(r.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], beats);
    }
}
