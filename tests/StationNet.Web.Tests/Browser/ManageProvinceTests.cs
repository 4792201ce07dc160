using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using StationNet.Tests;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>
/// The managers' page on a province (#21): its supplies, warnings, ratings and star assessment list the stations of every
/// city beneath it, each with its city's name under the station's, in the page's language, and the tables still fit a laptop.
/// </summary>
public class ManageProvinceTests(BrowserFixture fx) : BrowserTest(fx), IClassFixture<BrowserFixture>
{
    private const string Station = "sample-north-01";

    /// <summary>A catalog, a delivery and a rating in the sample province's north city, by fixed ids: the second time they change nothing.</summary>
    private async Task Stock()
    {
        using (var put = await fx.App.Http.PutAsJsonAsync("/api/admin/networks/sample-north/supplies", new object[]
        {
            new { id = "pr-tea", name = "凉茶", nameEn = "Herbal tea", unit = "杯", unitEn = "cups", expires = false, lowAt = 50 },
        }))
        {
            put.EnsureSuccessStatusCode();
        }
        using (var moved = await SupplyChecks.Move(fx.App.Http, Station,
            new { id = Guid.Parse("00000000-0000-4000-8000-000000000210"), item = "pr-tea", kind = "received", quantity = 30 }))
        {
            moved.EnsureSuccessStatusCode();
        }
        using var rated = await FeedbackChecks.Rate(fx.App.Anonymous, Station,
            new { id = Guid.Parse("00000000-0000-4000-8000-000000000211"), device = "manage-province-test-device", rating = 2, comment = "开门太晚" });
        Assert.True(rated.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)rated.StatusCode}");
    }

    [Theory]
    [InlineData("zh", "驿站 / 驿站网络")]
    [InlineData("en", "Station / Network")]
    public async Task A_provinces_supplies_ratings_and_assessment_name_each_stations_city_and_fit_a_laptop(string lang, string stationHeader)
    {
        await Stock();
        var north = await fx.App.Http.GetNode("/api/networks/sample-north");
        var city = lang == "zh" ? (string)north["name"]! : (string)north["nameEn"]!;
        var page = await fx.Open("/manage", 1366, 768, lang);
        await BrowserFixture.SignIn(page);
        await Expect(page.Locator("#network option[value='sample-province']")).ToBeAttachedAsync(new() { Timeout = 20_000 });
        await page.Locator("#network").SelectOptionAsync("sample-province");

        // Today at a glance: a province has no stations of its own, so it counts its cities' (40 in the sample province), not 0/0.
        await Expect(page.Locator("#glance-stations")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+/40$"), new() { Timeout = 20_000 });
        await Expect(page.Locator("#glance-stations + span")).ToHaveTextAsync(lang == "zh" ? "开放中的驿站" : "Stations open now");

        var supply = page.Locator($"#supplies-table tr[data-supply-row='{Station}/pr-tea']");
        await Expect(supply).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(supply.Locator(".network-of")).ToHaveTextAsync(city);
        Assert.Equal(["0", "30", "0", "0", "0", "30"], (await supply.Locator("td").AllInnerTextsAsync()).Skip(2).Select(c => c.Trim()));
        await Expect(page.Locator($"#supply-warnings tr[data-supply-station='{Station}'][data-supply-item='pr-tea'] .network-of")).ToHaveTextAsync(city);
        await Expect(page.Locator($"#satisfaction-table tr[data-satisfaction='{Station}'] .network-of")).ToHaveTextAsync(city);
        await Expect(page.Locator($"#feedback-list [data-feedback='00000000-0000-4000-8000-000000000211'] b")).ToContainTextAsync(city);
        await Expect(page.Locator($"#assessment-table tr[data-assessment='{Station}'] .network-of")).ToHaveTextAsync(city);
        // Stations of the sample city stand beside the north city's: the province's rows are its cities'.
        await Expect(page.Locator("#assessment-table tr[data-assessment='sample-01']")).ToHaveCountAsync(1);
        foreach (var table in new[] { "#supplies-table", "#supply-warnings", "#satisfaction-table", "#assessment-table" })
        {
            await Expect(page.Locator($"{table} th").First).ToHaveTextAsync(stationHeader);
            // The network is a line under the station's name, not a column more: each table fits the laptop without scrolling sideways.
            var box = await page.Locator(table).EvaluateAsync<int[]>("t => [t.parentElement.scrollWidth, t.parentElement.clientWidth]");
            Assert.True(box[0] <= box[1] + 1, $"{table} is {box[0]} px wide in {box[1]}");
        }
        var faults = await page.EvaluateAsync<string[]>(Seen.LayoutFaults);
        Assert.True(faults.Length == 0, string.Join("; ", faults.Take(10)));
        await BrowserFixture.Screenshot(page, $"manage-province-{lang}.png");
        await page.Context.CloseAsync();
    }
}
