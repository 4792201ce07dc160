using System.Net.Http.Json;
using Microsoft.Playwright;
using StationNet.Grains.Catalog;
using StationNet.Tests;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>The managers' page: supplies to act on, and the supplies report with its exports, in both languages, on a laptop and a phone.</summary>
public class ManageSuppliesTests(BrowserFixture fx) : BrowserTest(fx), IClassFixture<BrowserFixture>
{
    /// <summary>The same movements for each case, by the same ids: the second time they are duplicates and change nothing.</summary>
    private async Task Stock()
    {
        using (var put = await fx.App.Http.PutAsJsonAsync("/api/admin/networks/sample/supplies", SupplyChecks.Catalog))
        {
            put.EnsureSuccessStatusCode();
        }
        var today = LocalDay.Of(fx.App.Clock.GetUtcNow(), LocalDay.Zone(LocalDay.DefaultTimeZone));
        foreach (var body in new object[]
        {
            new { id = Guid.Parse("00000000-0000-4000-8000-000000000010"), item = "t-firstaid", kind = "received", quantity = 4, expiresOn = today.AddDays(5).ToString("yyyy-MM-dd") },
            new { id = Guid.Parse("00000000-0000-4000-8000-000000000011"), item = "t-water", kind = "received", quantity = 48, expiresOn = today.AddDays(200).ToString("yyyy-MM-dd") },
            new { id = Guid.Parse("00000000-0000-4000-8000-000000000012"), item = "t-water", kind = "handed-out", quantity = 3 },
            new { id = Guid.Parse("00000000-0000-4000-8000-000000000013"), item = "t-water", kind = "counted", quantity = 44 },
        })
        {
            using var moved = await SupplyChecks.Move(fx.App.Http, "sample-02", body);
            moved.EnsureSuccessStatusCode();
        }
    }

    [Theory]
    [InlineData(1366, 768, "zh", "物资台账", "2 个")]
    [InlineData(390, 844, "en", "Supplies report", "expire")]
    public async Task Supplies_to_act_on_and_the_report_are_shown_and_exported(int width, int height, string lang, string reportTitle, string expiringWords)
    {
        await Stock();
        var page = await fx.Open("/manage", width, height, lang);
        await BrowserFixture.SignIn(page);
        await Expect(page.Locator("#supplies-table tr[data-supply-row]").First).ToBeVisibleAsync(new() { Timeout = 20_000 });

        await Expect(page.Locator("#supplies h2").Nth(1)).ToHaveTextAsync(reportTitle);
        var kits = page.Locator("#supply-warnings tr[data-supply-station='sample-02'][data-supply-item='t-firstaid']");
        await Expect(kits).ToContainTextAsync(expiringWords == "expire" ? "expire" : "到期");
        // Water at sample-02: 44 after the count, above its low level of 20: nothing to act on.
        await Expect(page.Locator("#supply-warnings tr[data-supply-station='sample-02'][data-supply-item='t-water']")).ToHaveCountAsync(0);
        var water = await page.Locator("#supplies-table tr[data-supply-row='sample-02/t-water'] td").AllInnerTextsAsync();
        Assert.Equal(["0", "48", "3", "0", "-1", "44"], water.Skip(2).Select(c => c.Trim()));
        var href = await page.Locator("#supplies .exports a").Nth(1).GetAttributeAsync("href");
        Assert.Contains("/api/reports/supplies?", href);
        Assert.Contains("format=xlsx", href);
        Assert.Contains($"lang={lang}", href);
        // Words (station, item) read from the left, numbers line up on the right.
        var align = await page.Locator("#supplies-table tr[data-supply-row='sample-02/t-water'] td").EvaluateAllAsync<string[]>("cs => cs.map(c => getComputedStyle(c).textAlign)");
        Assert.Equal(["left", "left", "right", "right", "right", "right", "right", "right"], align);
        var warning = await page.Locator("#supply-warnings tr[data-supply-item='t-firstaid'] td").First.Locator("xpath=following-sibling::td[1]").EvaluateAsync<string>("c => getComputedStyle(c).textAlign");
        Assert.Equal("left", warning);
        var faults = await page.EvaluateAsync<string[]>(Seen.LayoutFaults);
        Assert.True(faults.Length == 0, string.Join("; ", faults.Take(10)));
        await page.Locator("#supplies-table").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.Screenshot(page, $"manage-supplies-{lang}-{width}.png");
        await page.Context.CloseAsync();
    }

    /// <summary>With no answer from the server at all, the page says the server cannot be reached, in its language, not "Failed to fetch".</summary>
    [Theory]
    [InlineData("zh", "无法连接服务器")]
    [InlineData("en", "the server cannot be reached")]
    public async Task A_server_out_of_reach_is_said_in_words(string lang, string words)
    {
        var page = await fx.Open("/manage", 1366, 768, lang);
        await BrowserFixture.SignIn(page);
        await Expect(page.Locator("tr[data-station]").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.RouteAsync("**/api/reports/**", route => route.AbortAsync("connectionrefused"));
        await page.Locator("#show").ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(words, new() { Timeout = 20_000 });
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Failed to fetch");
        await page.Context.CloseAsync();
    }
}
