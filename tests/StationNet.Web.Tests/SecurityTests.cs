using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StationNet.Tests;
using StationNet.Web.Tests.Fuzz;

namespace StationNet.Web.Tests;

/// <summary>Replayed credentials, cross-site requests, and a matrix that no endpoint can slip out of.</summary>
[Trait("Category", "Reliability")]
public class SecurityTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public void The_authorisation_matrix_covers_every_endpoint_the_app_maps()
    {
        var rows = AccessTests.Matrix.Select(r => ((string)r[0], (string)r[1])).ToList();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (Method: m, Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Where(e => !e.Pattern.Contains("{**") && e.Method != "OPTIONS")
            .ToList();
        var missing = endpoints.Where(e => !rows.Any(r => (e.Method == "*" || r.Item1 == e.Method) && RouteMatch.Matches(e.Pattern, r.Item2))).ToList();
        Assert.True(missing.Count == 0, "not in the matrix: " + string.Join(", ", missing.Select(m => $"{m.Method} {m.Pattern}")));
    }

    [Fact]
    public async Task A_session_cookie_replayed_after_sign_out_is_refused_and_other_sessions_stay()
    {
        var (session, cookie) = await SignInKeepingCookie("admin", Sessions.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, await Me(cookie));
        using (var signedOut = await session.PostAsync("/api/auth/logout", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Me(cookie));
        using var other = await app.Http.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_session_cookie_from_before_a_password_change_is_refused()
    {
        using (var created = await app.Http.PostAsJsonAsync("/api/admin/accounts", new { username = "pwchange", displayName = "改密", role = "manager", password = "first-password-123" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var (_, cookie) = await SignInKeepingCookie("pwchange", "first-password-123");
        Assert.Equal(HttpStatusCode.OK, await Me(cookie));
        using (var changed = await app.Http.PatchAsJsonAsync("/api/admin/accounts/pwchange", new { password = "second-password-456" }))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Me(cookie));
        var (_, fresh) = await SignInKeepingCookie("pwchange", "second-password-456");
        Assert.Equal(HttpStatusCode.OK, await Me(fresh));
    }

    [Fact]
    public async Task A_screen_token_replayed_after_its_link_is_revoked_is_refused_by_the_api_and_the_hub()
    {
        var (id, token) = await Sessions.NewScreenLink(app.Http, "sample");
        using var screen = Sessions.WithToken(app.BaseAddress, token);
        using (var live = await screen.GetAsync("/api/networks/sample/live"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        using (var revoked = await app.Http.PostAsync($"/api/admin/screen-links/{id}/revoke", null))
        {
            Assert.True(revoked.IsSuccessStatusCode);
        }

        using (var replayed = await screen.GetAsync("/api/networks/sample/live"))
        {
            await Problem.Assert4xx(replayed, HttpStatusCode.Unauthorized);
        }
        await Assert.ThrowsAnyAsync<Exception>(async () => await WallWatch.Connect(app.BaseAddress, token));
    }

    /// <summary>Every write in the matrix that an administrator's cookie may make (sign-in and sign-out are checked in AccessTests).</summary>
    public static TheoryData<string, string> CookieWrites()
    {
        var writes = new TheoryData<string, string>();
        foreach (var row in AccessTests.Matrix)
        {
            var (method, path, admin) = ((string)row[0], (string)row[1], (int)row[3]);
            if (method != "GET" && path.StartsWith("/api/", StringComparison.Ordinal) && admin is not (401 or 403) && path is not ("/api/auth/logout" or "/api/auth/login"))
            {
                writes.Add(method, path);
            }
        }
        return writes;
    }

    [Theory]
    [MemberData(nameof(CookieWrites))]
    public async Task A_cross_site_write_with_the_session_cookie_but_no_antiforgery_token_is_refused(string method, string path)
    {
        // A forged form post carries the victim's cookie (the browser adds it) but cannot read the token.
        var (session, _) = await SignInKeepingCookie("admin", Sessions.AdminPassword);
        session.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { id = Guid.NewGuid(), service = "visit" }) };
        using var response = await session.SendAsync(request);

        var detail = await Problem.Assert4xx(response, HttpStatusCode.BadRequest);
        Assert.Contains("ntiforgery", detail + response.Headers);
    }

    [Fact]
    public async Task Cookies_are_http_only_same_site_strict_and_a_token_from_another_session_does_not_pass()
    {
        var (victim, _) = await SignInKeepingCookie("admin", Sessions.AdminPassword);
        using var attacker = await Sessions.SignIn(app.BaseAddress, "admin", Sessions.AdminPassword);
        var stolenToken = attacker.DefaultRequestHeaders.GetValues("X-XSRF-TOKEN").Single();
        victim.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        victim.DefaultRequestHeaders.Add("X-XSRF-TOKEN", stolenToken);
        var before = (await app.Http.GetNode("/api/stations/sample-07"))!["counts"].Count("visit");

        using var forged = await victim.PostEvent("sample-07", new { id = Guid.NewGuid(), service = "visit" });

        await Problem.Assert4xx(forged, HttpStatusCode.BadRequest);
        Assert.Equal(before, (await app.Http.GetNode("/api/stations/sample-07"))!["counts"].Count("visit"));
        using var anonymous = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = app.BaseAddress };
        using var login = await SignInRaw(anonymous);
        var setCookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("stationnet.auth="));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<HttpResponseMessage> SignInRaw(HttpClient http)
    {
        using var token = await http.GetAsync("/api/auth/antiforgery");
        var xsrfCookie = token.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("stationnet.xsrf=")).Split(';')[0];
        var value = (string)System.Text.Json.Nodes.JsonNode.Parse(await token.Content.ReadAsStringAsync())!["token"]!;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { username = "admin", password = Sessions.AdminPassword }) };
        request.Headers.Add("Cookie", xsrfCookie);
        request.Headers.Add("X-XSRF-TOKEN", value);
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    /// <summary>A signed-in client, and its authentication cookie as a thief would copy it.</summary>
    private async Task<(HttpClient Session, string Cookie)> SignInKeepingCookie(string username, string password)
    {
        var cookies = new CookieContainer();
        var session = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
        await Sessions.SetAntiforgery(session);
        using (var login = await session.PostAsJsonAsync("/api/auth/login", new { username, password }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
        await Sessions.SetAntiforgery(session);
        var auth = cookies.GetCookies(app.BaseAddress)["stationnet.auth"]!;
        return (session, $"{auth.Name}={auth.Value}");
    }

    private async Task<HttpStatusCode> Me(string cookie)
    {
        using var thief = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", cookie);
        using var response = await thief.SendAsync(request);
        return response.StatusCode;
    }
}
