using System.Net.Http.Json;
using System.Net;
using System.Text;

namespace StationNet.Web.Tests;

/// <summary>Every bad input gets a clear 4xx problem, never a 500, and nothing is counted.</summary>
public class BadInputTests(AppFixture app) : IClassFixture<AppFixture>
{
    // sample-03 offers visit, water, meal, charging, firstaid and giveaway: no shower, no haircut.
    private const string Station = "sample-03";

    public static TheoryData<string, string, HttpStatusCode> BadEvents => new()
    {
        { "service not offered", """{"id":"%ID%","service":"shower"}""", HttpStatusCode.BadRequest },
        { "unknown service", """{"id":"%ID%","service":"massage"}""", HttpStatusCode.BadRequest },
        { "missing service", """{"id":"%ID%"}""", HttpStatusCode.BadRequest },
        { "missing id", """{"service":"visit"}""", HttpStatusCode.BadRequest },
        { "empty id", """{"id":"00000000-0000-0000-0000-000000000000","service":"visit"}""", HttpStatusCode.BadRequest },
        { "id not a uuid", """{"id":"abc","service":"visit"}""", HttpStatusCode.BadRequest },
        { "id of wrong type", """{"id":123,"service":"visit"}""", HttpStatusCode.BadRequest },
        { "quantity zero", """{"id":"%ID%","service":"visit","quantity":0}""", HttpStatusCode.BadRequest },
        { "quantity 51", """{"id":"%ID%","service":"visit","quantity":51}""", HttpStatusCode.BadRequest },
        { "quantity of wrong type", """{"id":"%ID%","service":"visit","quantity":"three"}""", HttpStatusCode.BadRequest },
        { "quantity overflowing", """{"id":"%ID%","service":"visit","quantity":99999999999}""", HttpStatusCode.BadRequest },
        { "occurredAt 10 minutes ahead", """{"id":"%ID%","service":"visit","occurredAt":"%AHEAD%"}""", HttpStatusCode.BadRequest },
        { "occurredAt 49 hours old", """{"id":"%ID%","service":"visit","occurredAt":"%OLD%"}""", HttpStatusCode.BadRequest },
        { "occurredAt not a date", """{"id":"%ID%","service":"visit","occurredAt":"yesterday"}""", HttpStatusCode.BadRequest },
        { "attendant with a NUL", """{"id":"%ID%","service":"visit","attendant":"a\u0000b"}""", HttpStatusCode.BadRequest },
        { "attendant with a line break", """{"id":"%ID%","service":"visit","attendant":"a\nb"}""", HttpStatusCode.BadRequest },
        { "attendant too long", """{"id":"%ID%","service":"visit","attendant":"%LONG%"}""", HttpStatusCode.BadRequest },
        { "unknown worker group", """{"id":"%ID%","service":"visit","workerGroup":"doctor"}""", HttpStatusCode.BadRequest },
        { "worker group too long", """{"id":"%ID%","service":"visit","workerGroup":"%LONG%"}""", HttpStatusCode.BadRequest },
        { "service of wrong type", """{"id":"%ID%","service":["visit"]}""", HttpStatusCode.BadRequest },
        { "malformed json", """{"id":"%ID%","service":""", HttpStatusCode.BadRequest },
        { "not an object", """[1,2,3]""", HttpStatusCode.BadRequest },
        { "empty body", "", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task A_bad_event_is_a_4xx_problem_and_is_not_counted(string why, string json, HttpStatusCode expected)
    {
        var before = await Total();
        var body = json.Replace("%ID%", Guid.NewGuid().ToString())
            .Replace("%AHEAD%", app.Clock.GetUtcNow().AddMinutes(10).ToString("O"))
            .Replace("%OLD%", app.Clock.GetUtcNow().AddHours(-49).ToString("O"))
            .Replace("%LONG%", new string('长', 41));

        using var response = await app.Http.PostAsync($"/api/stations/{Station}/events", new StringContent(body, Encoding.UTF8, "application/json"));

        var detail = await Problem.Assert4xx(response, expected);
        Assert.False(detail.Contains("Exception", StringComparison.Ordinal), $"{why}: {detail}");
        Assert.Equal(before, await Total());
    }

    [Fact]
    public async Task A_validation_problem_names_the_field()
    {
        using var response = await app.Http.PostEvent(Station, new { id = Guid.NewGuid(), service = "visit", quantity = 0 });
        var body = await response.ReadNode();
        Assert.NotNull(body["errors"]!["quantity"]);
        Assert.Contains("1", (string?)body["detail"]);
    }

    [Fact]
    public async Task An_unknown_station_is_a_404_problem()
    {
        using var post = await app.Http.PostEvent("no-such-station", new { id = Guid.NewGuid(), service = "visit" });
        await Problem.Assert4xx(post, HttpStatusCode.NotFound);
        using var get = await app.Http.GetAsync("/api/stations/no-such-station");
        await Problem.Assert4xx(get, HttpStatusCode.NotFound);
        using var odd = await app.Http.GetAsync("/api/stations/" + new string('x', 500));
        await Problem.Assert4xx(odd, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_address_is_a_page_for_a_browser_and_a_problem_for_everyone_else()
    {
        using var browser = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        browser.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        using var page = await app.Anonymous.SendAsync(browser);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"app\">", await page.Content.ReadAsStringAsync());

        // A program asking the same, and an API path even from a browser, get the API's problem details.
        using var program = await app.Anonymous.GetAsync("/no-such-page");
        await Problem.Assert4xx(program, HttpStatusCode.NotFound);
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/no-such-thing");
        api.Headers.Accept.ParseAdd("application/json, text/html");
        using var apiAnswer = await app.Anonymous.SendAsync(api);
        await Problem.Assert4xx(apiAnswer, HttpStatusCode.NotFound);
        // A write to nowhere is not a page either.
        using var post = await app.Http.PostAsync("/no-such-page", JsonContent.Create(new { }));
        Assert.NotEqual("text/html", post.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        using var response = await app.Http.PostAsync($"/api/stations/{Station}/events", new StringContent("service=visit", Encoding.UTF8, "text/plain"));
        await Problem.Assert4xx(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_void_with_an_id_that_is_not_a_uuid_is_a_400_problem()
    {
        using var response = await app.Http.DeleteAsync($"/api/stations/{Station}/events/not-a-uuid");
        await Problem.Assert4xx(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/networks/nowhere", HttpStatusCode.NotFound)]
    [InlineData("/api/networks/nowhere/live", HttpStatusCode.NotFound)]
    [InlineData("/api/networks/NOT%20AN%20ID", HttpStatusCode.NotFound)]
    [InlineData("/api/reports/daily", HttpStatusCode.BadRequest)]
    [InlineData("/api/reports/daily?networkId=nowhere", HttpStatusCode.NotFound)]
    [InlineData("/api/reports/daily?networkId=sample&from=2026-13-45", HttpStatusCode.BadRequest)]
    [InlineData("/api/reports/daily?networkId=sample&from=2026-05-02&to=2026-05-01", HttpStatusCode.BadRequest)]
    [InlineData("/api/reports/daily?networkId=sample&from=2020-01-01&to=2026-01-01", HttpStatusCode.BadRequest)]
    [InlineData("/api/reports/daily?networkId=sample&format=xml", HttpStatusCode.BadRequest)]
    [InlineData("/api/reports/daily?networkId=sample&stationId=nowhere", HttpStatusCode.NotFound)]
    [InlineData("/api/no-such-route", HttpStatusCode.NotFound)]
    public async Task Bad_reads_are_4xx_problems(string url, HttpStatusCode expected)
    {
        using var response = await app.Http.GetAsync(url);
        await Problem.Assert4xx(response, expected);
    }

    private async Task<int> Total()
    {
        var counts = (await app.Http.GetNode($"/api/stations/{Station}"))["counts"]!.AsObject();
        return counts.Sum(c => c.Value!.GetValue<int>());
    }
}
