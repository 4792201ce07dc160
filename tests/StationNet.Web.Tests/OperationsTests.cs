using System.Net;
using System.Text.RegularExpressions;
using StationNet.Tests;
using StationNet.Web.Tests.Fuzz;

namespace StationNet.Web.Tests;

/// <summary>What operators rely on: logs that carry no secret (the metrics are checked on a silo process: Silo.Tests/MetricsTests).</summary>
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
        foreach (var (what, secret) in new[] { ("password", password), ("pairing code", code), ("tablet token", token), ("screen token", app.ScreenToken), ("admin password", Sessions.AdminPassword),
                     ("tablet token's secret", token.Split('.')[1]), ("screen token's secret", app.ScreenToken.Split('.')[1]) })
        {
            Assert.False(log.Contains(secret, StringComparison.Ordinal), $"the log contains a {what}");
        }
        Assert.DoesNotMatch(new Regex("stationnet\\.auth=|access_token=", RegexOptions.IgnoreCase), log);
    }

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
