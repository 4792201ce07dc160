using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using StationNet.Tests;

namespace StationNet.Web.Tests.Fuzz;

/// <summary>
/// Every endpoint, from every kind of caller, with random and hostile input. The pass condition: no 5xx,
/// nothing the server logs as an error, and the server answers plainly throughout.
/// </summary>
[Trait("Category", "Reliability")]
public class FuzzTests(FuzzApp app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<FuzzApp>
{
    [Fact]
    public async Task Every_endpoint_answers_hostile_requests_from_every_caller_with_4xx_or_success_never_5xx()
    {
        var endpoints = app.Endpoints();
        Assert.True(endpoints.Count >= 40, $"only {endpoints.Count} endpoints found");
        var callers = await Callers();
        var answers = new ConcurrentDictionary<int, int>();
        var fivexx = new ConcurrentQueue<string>();
        var tried = 0;
        var work = from e in endpoints from c in callers from round in Enumerable.Range(0, FuzzApp.Rounds) select (e, c, round);
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (job, ct) =>
        {
            var ((pattern, methods), (who, client), round) = job;
            var input = new HostileInput(HashCode.Combine(pattern, who, round)) { Now = app.Clock.GetUtcNow() };
            using var request = Request(input, pattern, methods);
            var described = $"{who} {request.Method} {request.RequestUri}";
            var size = request.Content?.Headers.ContentLength ?? 0;
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            }
            catch (HttpRequestException ex) when (size > BodyLimit)
            {
                // Kestrel answers 413 before reading an oversized body and closes the connection; the client,
                // still writing, may see the close before the answer. Nothing was accepted either way.
                answers.AddOrUpdate(413, 1, (_, n) => n + 1);
                output.WriteLine($"{described} ({size} bytes): {ex.GetBaseException().Message}");
                return;
            }
            catch (HttpRequestException ex)
            {
                fivexx.Enqueue($"{described} ({size} bytes) → no answer: {ex.GetBaseException().Message}");
                return;
            }
            using var _ = response;
            answers.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if ((int)response.StatusCode >= 500)
            {
                fivexx.Enqueue($"{described} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }
            if (Interlocked.Increment(ref tried) % 250 == 0)
            {
                await StillAnswers();
            }
        });
        await StillAnswers();

        output.WriteLine($"{tried} requests over {endpoints.Count} endpoints × {callers.Count} callers × {FuzzApp.Rounds} rounds; answers: "
            + string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Key}×{a.Value}")));
        Assert.True(fivexx.IsEmpty, string.Join("\n", fivexx.Take(10)));
        Assert.True(app.Errors.IsEmpty, "the server logged errors:\n" + string.Join("\n", app.Errors.Take(10)));
        Assert.True(answers.Keys.Any(s => s is >= 200 and < 300), "nothing succeeded: the fuzzer never got past the front door");
    }

    private const long BodyLimit = 64 * 1024;

    private async Task StillAnswers()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var about = await http.GetAsync("/api/about");
        Assert.Equal(HttpStatusCode.OK, about.StatusCode);
    }

    private static HttpRequestMessage Request(HostileInput input, string pattern, string[] methods)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", m =>
            input.Next(2) == 0 ? input.Pick(new[] { "sample", "sample-01", "admin", Guid.NewGuid().ToString(), "2026" }) : input.RouteValue());
        var query = input.Query();
        // Now and then a method the route does not take.
        var method = input.Next(10) == 0 ? input.Pick(new[] { "GET", "POST", "PUT", "PATCH", "DELETE" }) : input.Pick(methods);
        var request = new HttpRequestMessage(new HttpMethod(method), path + (query.Length > 0 ? "?" + query : ""));
        // A connection of its own: Kestrel closes a connection whose request body went unread, and a pooled
        // connection reused in that instant would fail the next request for a reason that is not its own.
        request.Headers.ConnectionClose = true;
        if (method is "POST" or "PUT" or "PATCH" || input.Next(8) == 0)
        {
            var (body, mediaType) = input.Body(pattern);
            request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }
        return request;
    }

    private async Task<IReadOnlyList<(string Who, HttpClient Client)>> Callers()
    {
        using var created = await app.Http.PostAsJsonAsync("/api/admin/accounts",
            new { username = "fuzzmgr", displayName = "fuzz manager", role = "manager", password = "fuzz-manager-password-1" });
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
        return
        [
            ("anonymous", app.Anonymous),
            ("admin", app.Http),
            ("manager", await Sessions.SignIn(app.BaseAddress, "fuzzmgr", "fuzz-manager-password-1")),
            ("tablet", await app.Tablet("sample-01")),
            ("wall", Sessions.WithToken(app.BaseAddress, app.ScreenToken)),
        ];
    }
}
