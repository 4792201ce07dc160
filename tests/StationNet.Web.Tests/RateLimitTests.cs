using System.Net;
using System.Net.Http.Json;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>Apps with small limits, so that they can be reached; one per limit, since a test spends its limit.</summary>
public sealed class DeviceLimitApp() : StationNetApp(settings: new Dictionary<string, string> { ["StationNet:RateLimits:PerDevicePerMinute"] = "5" });

public sealed class SignInLimitApp() : StationNetApp(settings: new Dictionary<string, string> { ["StationNet:RateLimits:SignInPerIpPerMinute"] = "6" });

/// <summary>An app that takes few requests from one address; its own, since the test spends them all.</summary>
public sealed class FloodLimitApp() : StationNetApp(settings: new Dictionary<string, string>
{
    ["StationNet:RateLimits:PerIpPerMinute"] = "80",
});

/// <summary>The ASP.NET Core rate limiter per tablet, per IP and for sign-ins: 429 with Retry-After.</summary>
[Trait("Category", "Reliability")]
public class DeviceLimitTests(DeviceLimitApp app) : IClassFixture<DeviceLimitApp>
{
    [Fact]
    public async Task A_tablet_that_sends_too_fast_gets_429_with_retry_after_and_nothing_is_counted()
    {
        using var tablet = await app.Tablet("sample-07");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 8 && refused is null; i++)
        {
            var r = await tablet.PostEvent("sample-07", new { id = Guid.NewGuid(), service = "visit" });
            statuses.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = r;
            }
            else
            {
                r.Dispose();
            }
        }

        Assert.NotNull(refused);
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.True(refused!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await Problem.Assert4xx(refused, HttpStatusCode.TooManyRequests);
        var station = await app.Http.GetNode("/api/stations/sample-07");
        Assert.Equal(5, station["counts"].Count("visit"));
    }

}

[Trait("Category", "Reliability")]
public class SignInLimitTests(SignInLimitApp app) : IClassFixture<SignInLimitApp>
{
    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited()
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new() }) { BaseAddress = app.BaseAddress };
        await Sessions.SetAntiforgery(http);
        HttpStatusCode last = default;
        for (var i = 0; i < 8 && last != HttpStatusCode.TooManyRequests; i++)
        {
            using var r = await http.PostAsJsonAsync("/api/auth/login", new { username = "nobody" + i, password = "wrong password" });
            last = r.StatusCode;
            if (last == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(r.Headers.RetryAfter);
            }
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last);
    }

}

[Trait("Category", "Reliability")]
public class FloodTests(FloodLimitApp app) : IClassFixture<FloodLimitApp>
{
    [Fact]
    public async Task A_flood_of_two_thousand_concurrent_requests_from_one_address_gets_no_more_than_its_limit()
    {
        var answers = new System.Collections.Concurrent.ConcurrentDictionary<HttpStatusCode, int>();
        var withoutRetryAfter = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 2000), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, ct) =>
        {
            using var r = await app.Anonymous.GetAsync("/api/about", ct);
            answers.AddOrUpdate(r.StatusCode, 1, (_, n) => n + 1);
            if (r.StatusCode == HttpStatusCode.TooManyRequests && r.Headers.RetryAfter is null)
            {
                Interlocked.Increment(ref withoutRetryAfter);
            }
        });

        // The limit is 80 a minute for the address; the flood cannot get more, and the rest is told when to come back.
        Assert.True(answers.GetValueOrDefault(HttpStatusCode.OK) <= 80, $"{answers.GetValueOrDefault(HttpStatusCode.OK)} got through");
        Assert.Equal(2000, answers.GetValueOrDefault(HttpStatusCode.OK) + answers.GetValueOrDefault(HttpStatusCode.TooManyRequests));
        Assert.Equal(0, withoutRetryAfter);
    }
}

/// <summary>Behind a load balancer, the per-address limit follows the client's address in X-Forwarded-For.</summary>
public sealed class BehindProxyApp() : StationNetApp(settings: new Dictionary<string, string>
{
    ["StationNet:RateLimits:PerIpPerMinute"] = "20",
    ["StationNet:TrustForwardedHeaders"] = "true",
});

[Trait("Category", "Reliability")]
public class BehindProxyTests(BehindProxyApp app) : IClassFixture<BehindProxyApp>
{
    [Fact]
    public async Task Clients_behind_the_balancer_have_limits_of_their_own()
    {
        HttpStatusCode last = default;
        for (var i = 0; i < 40 && last != HttpStatusCode.TooManyRequests; i++)
        {
            last = await About("203.0.113.7");
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last);

        Assert.Equal(HttpStatusCode.OK, await About("203.0.113.8"));
    }

    private async Task<HttpStatusCode> About(string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/about");
        request.Headers.Add("X-Forwarded-For", client);
        using var response = await app.Anonymous.SendAsync(request);
        return response.StatusCode;
    }
}
