using System.Net;
using System.Text.RegularExpressions;
using StationNet.Tests;
using StationNet.Web.Tests.Fuzz;

namespace StationNet.Web.Tests;

/// <summary>What operators rely on: counters at /metrics, and logs that carry no secret.</summary>
public class OperationsTests(OperationsTests.VerboseApp app) : IClassFixture<OperationsTests.VerboseApp>
{
    /// <summary>Logging as verbose as an operator might set it: every framework category at Information.</summary>
    public sealed class VerboseApp() : FuzzApp(new Dictionary<string, string>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
    });

    [Fact]
    public async Task The_metrics_endpoint_carries_stationnets_counters_after_events()
    {
        var before = await Metrics();
        await using var wall = await WallWatch.Connect(app.BaseAddress, app.ScreenToken);
        using var tablet = await app.Tablet("sample-09");
        var id = Guid.NewGuid();
        for (var i = 0; i < 2; i++)
        {
            using var posted = await tablet.PostEvent("sample-09", new { id = i == 0 ? id : Guid.NewGuid(), service = "meal" });
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }
        using (var again = await tablet.PostEvent("sample-09", new { id, service = "meal" }))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        using (var refused = await tablet.PostEvent("sample-09", new { id = Guid.NewGuid(), service = "meal", quantity = 0 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        Assert.True(await wall.Shows(w => w.Count("sample-09", "meal") >= 2, TimeSpan.FromSeconds(10)));

        var after = await Metrics();
        Assert.True(Value(after, "stationnet_events_total", "outcome=\"accepted\"", "service=\"meal\"") - Value(before, "stationnet_events_total", "outcome=\"accepted\"", "service=\"meal\"") >= 2);
        Assert.True(Value(after, "stationnet_events_total", "outcome=\"duplicate\"", "service=\"meal\"") >= 1);
        Assert.True(Value(after, "stationnet_events_total", "outcome=\"refused\"") >= 1);
        Assert.True(Value(after, "stationnet_tablets_active") >= 1);
        Assert.True(Value(after, "stationnet_screens_connected") >= 1);
        Assert.True(Value(after, "stationnet_push_latency_seconds_count") > Value(before, "stationnet_push_latency_seconds_count"));
        // The framework's meters are there too: ASP.NET Core, Orleans, the runtime.
        Assert.Contains("http_server_request_duration_seconds", after);
        Assert.Contains("orleans_", after);
        Assert.Contains("dotnet_gc_", after);
    }

    [Fact]
    public async Task No_password_token_pairing_code_or_cookie_reaches_the_log()
    {
        var password = "log-secret-password-77";
        using (var created = await app.Http.PostAsync("/api/admin/accounts", System.Net.Http.Json.JsonContent.Create(
            new { username = "logcheck", displayName = "日志", role = "manager", password })))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        using var manager = await Sessions.SignIn(app.BaseAddress, "logcheck", password);
        using (var wrong = await new HttpClient { BaseAddress = app.BaseAddress }.PostAsync("/api/auth/login",
            System.Net.Http.Json.JsonContent.Create(new { username = "logcheck", password = "wrong-" + password })))
        {
        }
        using var issued = await app.Http.PostAsync("/api/admin/stations/sample-10/pairing-codes", null);
        var code = (string)System.Text.Json.Nodes.JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["code"]!;
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };
        using var paired = await anonymous.PostAsync("/api/pair", System.Net.Http.Json.JsonContent.Create(new { code, name = "日志平板" }));
        var token = (string)System.Text.Json.Nodes.JsonNode.Parse(await paired.Content.ReadAsStringAsync())!["token"]!;
        using var tablet = Sessions.WithToken(app.BaseAddress, token);
        using (var posted = await tablet.PostEvent("sample-10", new { id = Guid.NewGuid(), service = "visit" }))
        {
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }
        // A wall page's address carries its screen token, and a browser's WebSocket carries it in the query string.
        using (var page = await anonymous.GetAsync($"/wall/sample?screen={Uri.EscapeDataString(app.ScreenToken)}"))
        using (var socket = await anonymous.PostAsync($"/hubs/live/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(app.ScreenToken)}", null))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(HttpStatusCode.OK, socket.StatusCode);
        }
        using (var revoked = await tablet.PostEvent("sample-10", new { id = Guid.NewGuid(), service = "visit" }, "forged-" + token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        }

        var log = string.Join("\n", app.Logged);
        Assert.True(app.Logged.Count > 10, "nothing was logged: the check would prove nothing");
        foreach (var (what, secret) in new[] { ("password", password), ("pairing code", code), ("tablet token", token), ("screen token", app.ScreenToken), ("admin password", Sessions.AdminPassword) })
        {
            Assert.False(log.Contains(secret, StringComparison.Ordinal), $"the log contains a {what}");
        }
        Assert.DoesNotMatch(new Regex("stationnet\\.auth=|access_token=", RegexOptions.IgnoreCase), log);
    }

    [Fact]
    public async Task Every_metric_the_grafana_dashboard_charts_is_exported()
    {
        using (var tablet = await app.Tablet("sample-11"))
        await using (var wall = await WallWatch.Connect(app.BaseAddress, app.ScreenToken))
        using (var posted = await tablet.PostEvent("sample-11", new { id = Guid.NewGuid(), service = "water" }))
        {
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            Assert.True(await wall.Shows(w => w.Count("sample-11", "water") >= 1, TimeSpan.FromSeconds(10)));
        }
        var exported = await Metrics();
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "StationNet.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar))!;
        }
        var dashboard = await File.ReadAllTextAsync(Path.Combine(root, "docker", "grafana", "stationnet.json"));
        var charted = Regex.Matches(dashboard, @"\b(stationnet|http_server|dotnet|orleans|aspnetcore|kestrel)_[a-z_]+").Select(m => m.Value).Distinct().ToList();
        Assert.NotEmpty(charted);
        // The group-commit histogram belongs to the PostgreSQL journal; this app runs on the embedded default.
        var missing = charted.Where(name => name != "stationnet_journal_batch_size_bucket" && name != "stationnet_journal_batch_size_count"
            && !exported.Contains("\n" + name, StringComparison.Ordinal) && !exported.Contains(name + "=\"", StringComparison.Ordinal)).ToList(); // a series, or a label
        Assert.True(missing.Count == 0, "charted but not exported: " + string.Join(", ", missing));
    }

    private async Task<string> Metrics()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        return await http.GetStringAsync("/metrics");
    }

    /// <summary>The sum of a Prometheus series' samples whose labels include all the given ones.</summary>
    private static double Value(string exposition, string name, params string[] labels) =>
        exposition.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(l => labels.All(label => l.Contains(label, StringComparison.Ordinal)))
            .Sum(l => double.Parse((l.Contains('}') ? l[(l.LastIndexOf('}') + 1)..] : l[name.Length..]).Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>An operator can switch the Orleans dashboard off; then it is not there at all.</summary>
public class DashboardOffTests(DashboardOffTests.App app) : IClassFixture<DashboardOffTests.App>
{
    public sealed class App() : StationNetApp(settings: new Dictionary<string, string> { ["StationNet:Dashboard:Enabled"] = "false" });

    [Fact]
    public async Task With_the_dashboard_switched_off_an_administrator_finds_nothing_at_dashboard()
    {
        using var response = await app.Http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
