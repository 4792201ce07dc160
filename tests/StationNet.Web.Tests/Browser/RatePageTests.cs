using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>The workers' rating page on a phone (390×844) in Chromium: stars, tags, a counted comment, thanks, offline, once a day.</summary>
public class RatePageTests(BrowserFixture fx) : BrowserTest(fx), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_worker_rates_a_station_in_chinese_and_a_second_rating_that_day_is_thanked_but_not_kept()
    {
        var page = await fx.Open("/rate/sample-08", 390, 844);
        var name = (string)(await fx.App.Anonymous.GetNode("/api/public/stations/sample-08/name"))["name"]!;
        await Expect(page.Locator("#station-name")).ToHaveTextAsync(name);
        await Expect(page.Locator("header.bar h1")).ToHaveTextAsync("为驿站打分");
        await Expect(page.Locator("button.star")).ToHaveCountAsync(5);
        await Expect(page.Locator("button.tag[data-tag='not-open']")).ToHaveTextAsync("未开门");

        await page.Locator("#send").ClickAsync();
        await Expect(page.Locator("#message")).ToHaveTextAsync("请先点选星级");
        await page.Locator("button.star[data-stars='4']").ClickAsync();
        await Expect(page.Locator("button.star.on")).ToHaveCountAsync(4);
        await page.Locator("button.tag[data-tag='clean']").ClickAsync();
        await page.Locator("button.tag[data-tag='friendly']").ClickAsync();
        await Expect(page.Locator("button.tag[data-tag='clean']")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Locator("#comment").FillAsync("热水很及时");
        await Expect(page.Locator("#counter")).ToHaveTextAsync("5/200");
        Assert.Equal("200", await page.Locator("#comment").GetAttributeAsync("maxlength"));
        await AssertFitsAPhone(page);
        await BrowserFixture.Screenshot(page, "rate-phone.png");

        await page.Locator("#send").ClickAsync();
        await Expect(page.Locator("#thanks")).ToContainTextAsync("谢谢您的评价");
        var kept = (await fx.App.Http.GetNode("/api/reports/feedback?networkId=sample&stationId=sample-08")).AsArray();
        var rating = Assert.Single(kept)!;
        Assert.Equal(4, (int)rating["rating"]!);
        Assert.Equal(["clean", "friendly"], rating["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("热水很及时", (string)rating["comment"]!);

        // The same phone again today: thanked, and nothing more is kept.
        await page.ReloadAsync();
        await page.Locator("button.star[data-stars='1']").ClickAsync();
        await page.Locator("#send").ClickAsync();
        await Expect(page.Locator("#thanks")).ToContainTextAsync("今天已经评价过这个驿站了");
        Assert.Single((await fx.App.Http.GetNode("/api/reports/feedback?networkId=sample&stationId=sample-08")).AsArray());
    }

    [Fact]
    public async Task Offline_the_rating_stays_on_the_page_and_goes_once_back_online_in_english()
    {
        var page = await fx.Open("/rate/sample-11", 390, 844, lang: "en");
        await Expect(page.Locator("header.bar h1")).ToHaveTextAsync("Rate this station");
        await Expect(page.Locator("button.tag[data-tag='broken']")).ToHaveTextAsync("Facilities broken");
        await page.Locator("button.star[data-stars='2']").ClickAsync();
        await page.Locator("button.tag[data-tag='broken']").ClickAsync();
        await page.Locator("#comment").FillAsync("The tap is broken");

        await page.Context.SetOfflineAsync(true);
        await page.Locator("#send").ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("No connection");
        await Expect(page.Locator("button.star.on")).ToHaveCountAsync(2);
        await Expect(page.Locator("#comment")).ToHaveValueAsync("The tap is broken");
        await AssertFitsAPhone(page);
        await BrowserFixture.Screenshot(page, "rate-phone-offline-en.png");

        await page.Context.SetOfflineAsync(false);
        await page.Locator("#send").ClickAsync();
        await Expect(page.Locator("#thanks")).ToContainTextAsync("Thank you for your rating!");
        var kept = (await fx.App.Http.GetNode("/api/reports/feedback?networkId=sample&stationId=sample-11")).AsArray();
        Assert.Equal(["broken"], Assert.Single(kept)!["tags"]!.AsArray().Select(t => (string)t!));
        await AssertFitsAPhone(page);
    }

    /// <summary>An unknown station shows only a clear message where the form would be: no stars, no send button.</summary>
    [Theory]
    [InlineData("zh", "找不到这个驿站", "没有这个驿站，请重新扫描驿站里的二维码。")]
    [InlineData("en", "Station not found", "No such station; scan the code at the station again.")]
    public async Task An_unknown_station_says_so_instead_of_the_form(string lang, string title, string how)
    {
        var page = await fx.Open("/rate/no-such-station", 390, 844, lang);
        await Expect(page.Locator("#not-found h2")).ToHaveTextAsync(title);
        await Expect(page.Locator("#not-found p")).ToHaveTextAsync(how);
        await Expect(page.Locator("#not-found")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(page.Locator("#send")).ToHaveCountAsync(0);
        await Expect(page.Locator("button.star")).ToHaveCountAsync(0);
        await AssertFitsAPhone(page);
        await BrowserFixture.Screenshot(page, $"rate-unknown-{lang}.png");
        await page.Context.CloseAsync();
    }

    private static async Task AssertFitsAPhone(IPage page)
    {
        Assert.Empty(await page.EvaluateAsync<string[]>(Seen.LayoutFaults));
        var smallest = await page.EvaluateAsync<double>("""
            () => Math.min(...[...document.querySelectorAll('main p, main h2, main button, main label, main textarea')]
              .filter(e => e.offsetParent && (e.textContent.trim() || e.tagName === 'TEXTAREA')).map(e => parseFloat(getComputedStyle(e).fontSize)))
            """);
        Assert.True(smallest >= 16, $"every text is at least 16 px for older eyes (smallest {smallest})");
        var targets = await page.EvaluateAsync<double>("() => Math.min(...[...document.querySelectorAll('main button')].filter(e => e.offsetParent).map(e => e.getBoundingClientRect().height))");
        Assert.True(targets >= 52, $"stars, tags and the send button are at least 52 px tall ({targets})");
        var contrast = await page.EvaluateAsync<Seen.ContrastOf[]>(Seen.Contrast);
        Assert.All(contrast, c => Assert.True(c.Ratio >= 4.5, $"'{c.Text}' has contrast {c.Ratio:F2}"));
    }
}
