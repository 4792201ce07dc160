using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>Access ends where it should: a disabled account's open hub connection closes; tokens travel in URLs only where they must.</summary>
public class SessionEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Disabling_an_account_closes_its_open_hub_connection()
    {
        using (var created = await app.Http.PostAsJsonAsync("/api/admin/accounts", new { username = "leaver", role = "manager", password = "leaver-password-1" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var cookies = new CookieContainer();
        using (var session = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress })
        {
            await Sessions.SetAntiforgery(session);
            using var login = await session.PostAsJsonAsync("/api/auth/login", new { username = "leaver", password = "leaver-password-1" });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(app.BaseAddress, "/hubs/live"), o => o.Cookies = cookies).Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        await hub.InvokeAsync<Grains.Live.LiveSnapshot>("Watch", "sample");

        using var disabled = await app.Http.PatchAsJsonAsync("/api/admin/accounts/leaver", new { disabled = true });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        var done = await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(15)));
        Assert.True(done == closed.Task, $"the disabled account's hub connection is still {hub.State} 15 s later");
    }

    [Fact]
    public async Task A_token_in_the_query_string_counts_only_on_the_hub_and_the_wall_page()
    {
        var token = await Sessions.PairTablet(app.Http, "sample-01");
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };
        var escaped = Uri.EscapeDataString(token);

        using var byQuery = await anonymous.GetAsync($"/api/stations/sample-01?access_token={escaped}");
        using var byScreenQuery = await anonymous.GetAsync($"/api/networks/sample/live?screen={Uri.EscapeDataString(app.ScreenToken)}");
        using var wallByQuery = await anonymous.GetAsync($"/api/networks/sample/live?access_token={Uri.EscapeDataString(app.ScreenToken)}");
        using var hubByQuery = await anonymous.PostAsync($"/hubs/live/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(app.ScreenToken)}", null);
        using var byHeader = await Sessions.WithToken(app.BaseAddress, token).GetAsync("/api/stations/sample-01");

        Assert.Equal(HttpStatusCode.Unauthorized, byQuery.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byScreenQuery.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wallByQuery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, hubByQuery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byHeader.StatusCode);
    }
}
