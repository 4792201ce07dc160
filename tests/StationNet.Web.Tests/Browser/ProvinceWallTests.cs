using Microsoft.Playwright;
using StationNet.Tests;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>The province wall (#21) in a real Chromium: a tile per city, the province's totals, live from a city's tap, readable at five metres.</summary>
public class ProvinceWallTests(BrowserFixture fx) : BrowserTest(fx), IClassFixture<BrowserFixture>
{
    private const string Province = "sample-province";

    private async Task<IPage> OpenProvince(int width = 1920, int height = 1080, string lang = "zh")
    {
        var (_, token) = await Sessions.NewScreenLink(fx.App.Http, Province);
        var page = await fx.Open($"/wall/{Province}?screen={Uri.EscapeDataString(token)}{(lang == "en" ? "&lang=en" : "")}", width, height);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.tile.city').length === 3 && document.querySelector('#map circle') && document.querySelectorAll('#chart canvas, #days canvas').length >= 2",
            null, new() { Timeout = 30_000 });
        await page.WaitForTimeoutAsync(1200); // chart animations and a layout pass
        return page;
    }

    [Fact]
    public async Task A_tap_in_a_city_reaches_the_province_wall_through_the_city_and_province_grains()
    {
        var wall = await OpenProvince();
        var city = wall.Locator(".tile.city[data-network='sample'] .tile-total");
        await Expect(city).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        var before = int.Parse(await city.InnerTextAsync());
        var province = int.Parse(await wall.Locator(".kpi[data-kpi='today'] .n").InnerTextAsync());

        using var posted = await fx.App.Http.PostEvent("sample-04", new { id = Guid.NewGuid(), service = "visit", quantity = 3 });
        Assert.True(posted.IsSuccessStatusCode);

        // On a quiet machine this takes two batch hops (city, then province), well under a second; here it must arrive,
        // within the default 15 s, since CI has stalled a whole test process for over ten seconds.
        await Expect(city).ToHaveTextAsync((before + 3).ToString());
        await Expect(wall.Locator(".kpi[data-kpi='today'] .n")).ToHaveTextAsync((province + 3).ToString());
        await Expect(wall.Locator("#ticker li").First).ToContainTextAsync("示例·科技园驿站");
        await Expect(wall.Locator("#map circle[data-station='sample-04']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("on-page"));
        await Expect(wall.Locator(".tile.city[data-network='sample-north'] .open-of")).ToContainTextAsync("/12");
        await Expect(wall.Locator(".tile.city[data-network='sample'] .sample")).ToHaveTextAsync("示例");
    }

    [Theory]
    [InlineData(1920, 1080, "zh")]
    [InlineData(1920, 1080, "en")]
    [InlineData(3840, 2160, "zh")]
    [InlineData(3840, 2160, "en")]
    public async Task The_province_wall_reads_from_five_metres_with_nothing_cut_off_or_overlapping(int width, int height, string lang)
    {
        var wall = await OpenProvince(width, height, lang);
        await BrowserFixture.Screenshot(wall, $"wall-province-{width}-{lang}.png");

        var problems = await WallLayout.Problems(wall);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await Expect(wall.Locator("#title")).ToHaveTextAsync(lang == "en" ? "Sample Province Union Stations" : "示例省总工会驿站网络");
        Assert.Equal(40, await wall.Locator("#map circle").CountAsync());
        await Expect(wall.Locator("#networks-count")).ToHaveTextAsync(lang == "en" ? "3 networks" : "3 个驿站网络");
        // The same comparison lines as a city's wall, from the cities' own: the tests' cities have no last year, and say so.
        await Expect(wall.Locator("#cmp-year")).ToHaveTextAsync(lang == "en" ? "none last year, same period" : "去年同期无记录");
        await Expect(wall.Locator("#cmp-today")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(lang == "en" ? "^(vs last week|none last week)" : "^(较上周同期|上周同期无记录)"));
        await Expect(wall.Locator("#open-now")).ToHaveAttributeAsync("data-of", "40");
    }
}
