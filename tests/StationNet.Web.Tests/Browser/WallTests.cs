using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StationNet.Grains.Catalog;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;
using StationNet.Tests;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>The wall in a real Chromium: live within a second, honest when the link drops, rotating when large.</summary>
public class WallTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_posted_event_appears_on_the_wall_within_a_second()
    {
        var wall = await fx.OpenWall("sample");
        var tile = wall.Locator("[data-station-total='sample-04']");
        await Expect(tile).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        var before = int.Parse(await tile.InnerTextAsync());
        var grand = int.Parse(await wall.Locator("[data-total]").InnerTextAsync());

        var clock = Stopwatch.StartNew();
        using var posted = await fx.App.Http.PostEvent("sample-04", new { id = Guid.NewGuid(), service = "visit", quantity = 2, workerGroup = "delivery" });
        await Expect(tile).ToHaveTextAsync((before + 2).ToString(), new() { Timeout = 1000 });
        clock.Stop();

        Assert.True(clock.ElapsedMilliseconds < 1000, $"{clock.ElapsedMilliseconds} ms from the post to the wall");
        await Expect(wall.Locator("[data-total]")).ToHaveTextAsync((grand + 2).ToString());
        await Expect(wall.Locator("#ticker li").First).ToContainTextAsync("示例·科技园驿站");
        await Expect(wall.Locator("#groups [data-group='delivery'] .n")).Not.ToHaveTextAsync("0%");
        await Expect(wall.Locator("#busiest li").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_dropped_connection_is_shown_plainly_and_the_wall_resyncs_when_it_returns()
    {
        var wall = await fx.OpenWall("sample");
        var tile = wall.Locator("[data-station-total='sample-08']");
        await Expect(tile).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        var before = int.Parse(await tile.InnerTextAsync());

        await wall.Context.SetOfflineAsync(true);
        await Expect(wall.Locator("#lost")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(wall.Locator("#lost")).ToContainTextAsync("连接中断");
        await Expect(wall.Locator("body")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("stale"));
        using (var posted = await fx.App.Http.PostEvent("sample-08", new { id = Guid.NewGuid(), service = "water", quantity = 3 }))
        {
            Assert.True(posted.IsSuccessStatusCode);
        }
        await wall.Context.SetOfflineAsync(false);

        await Expect(wall.Locator("#lost")).ToBeHiddenAsync(new() { Timeout = 40_000 });
        await Expect(tile).ToHaveTextAsync((before + 3).ToString());
        await Expect(wall.Locator("body")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("stale"));
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(3840, 2160)]
    public async Task A_network_of_500_stations_fits_without_scrollbars_and_rotates_its_pages(int width, int height)
    {
        var networkId = $"big{width}";
        var grains = fx.App.Services.GetRequiredService<IGrainFactory>();
        var network = grains.GetGrain<INetworkGrain>(networkId);
        await network.Configure(new NetworkInfo(networkId, "测试大网络", "Test big network", LocalDay.DefaultTimeZone, ServiceCatalog.All, IsSample: false));
        await Task.WhenAll(Enumerable.Range(1, 500).Select(i => network.SaveStation(new StationInfo($"{networkId}-{i:000}", networkId, $"测试驿站 {i:000}", "测试街道",
            ["visit", "water", "meal", "charging"], OpeningHours.AllDay, 10))));
        var (_, token) = await Sessions.NewScreenLink(fx.App.Http, networkId);

        var wall = await fx.Open($"/wall/{networkId}?screen={Uri.EscapeDataString(token)}&rotate=2", width, height);

        await Expect(wall.Locator("#pager")).ToHaveAttributeAsync("data-page", "1");
        var pages = int.Parse((await wall.Locator("#pager").GetAttributeAsync("data-pages"))!);
        Assert.True(pages > 1, $"500 stations on {pages} page(s)");
        var visible = await wall.Locator(".tile:not([hidden])").CountAsync();
        Assert.InRange(visible, 10, 499);
        Assert.True(await wall.EvaluateAsync<bool>("() => document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth"), "no scrollbars");
        var fits = await wall.EvaluateAsync<bool>("() => [...document.querySelectorAll('.tile:not([hidden])')].every(t => t.getBoundingClientRect().bottom <= innerHeight)");
        Assert.True(fits, "every shown tile is on the screen");
        await Expect(wall.Locator("#pager")).ToHaveAttributeAsync("data-page", "2", new() { Timeout = 5000 });
        if (width == 3840)
        {
            await BrowserFixture.Screenshot(wall, "wall-500-4k.png");
        }
    }

    [Fact]
    public async Task Many_batches_leave_the_page_no_bigger_and_animate_the_changes()
    {
        var wall = await fx.OpenWall("sample");
        await Expect(wall.Locator("[data-station-total='sample-09']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        using var tablet = await fx.App.Tablet("sample-09");
        using (var first = await tablet.PostEvent("sample-09", new { id = Guid.NewGuid(), service = "visit" }))
        {
            Assert.True(first.IsSuccessStatusCode);
        }
        await Expect(wall.Locator("[data-station-total='sample-09']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("bump"));

        // Once the ticker is full and the station shows as busy, more batches must not add a single element.
        for (var i = 0; i < 6; i++)
        {
            await Send(4);
            await Task.Delay(150);
        }
        await Expect(wall.Locator(".tile[data-station='sample-09']")).ToHaveAttributeAsync("data-busy", "true");
        var nodesBefore = await wall.EvaluateAsync<int>("() => document.getElementsByTagName('*').length");
        await Send(60);
        var nodesAfter = await wall.EvaluateAsync<int>("() => document.getElementsByTagName('*').length");
        Assert.Equal(nodesBefore, nodesAfter);

        async Task Send(int n)
        {
            for (var i = 0; i < n; i++)
            {
                using var r = await tablet.PostEvent("sample-09", new { id = Guid.NewGuid(), service = i % 2 == 0 ? "visit" : "water", workerGroup = i % 2 == 0 ? "courier" : null });
                Assert.True(r.IsSuccessStatusCode);
            }
            var expected = (await fx.App.Http.GetNode("/api/stations/sample-09"))["counts"]!.AsObject().Sum(c => c.Value!.GetValue<int>());
            await Expect(wall.Locator("[data-station-total='sample-09']")).ToHaveTextAsync(expected.ToString());
        }
    }

    [Fact]
    public async Task After_an_unhandled_error_the_wall_starts_afresh_by_itself()
    {
        var wall = await fx.OpenWall("sample");
        await Expect(wall.Locator("[data-total]")).ToBeVisibleAsync();
        await wall.EvaluateAsync("() => { window.__beforeCrash = true; setTimeout(() => { throw new Error('renderer trouble'); }); }");

        await wall.WaitForFunctionAsync("() => window.__beforeCrash === undefined", null, new() { Timeout = 20_000 });

        await Expect(wall.Locator("[data-total]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_wall_has_the_network_totals_month_and_year_and_the_hourly_chart()
    {
        var wall = await fx.OpenWall("sample");
        await Expect(wall.Locator(".service-total[data-service='visit'] .mtd")).ToContainTextAsync("本月");
        await Expect(wall.Locator("#chart canvas")).ToBeVisibleAsync();
        await Expect(wall.Locator(".tile[data-station='sample-01'] .badge").First).ToBeVisibleAsync();
    }
}

/// <summary>An app whose clock stands shortly before local midnight, and a browser on it.</summary>
public sealed class MidnightBrowserFixture : BrowserFixture
{
    public MidnightBrowserFixture() : base(new StationNetApp(clock: ShiftedClock.At(new TimeOnly(23, 50), LocalDay.DefaultTimeZone)))
    {
    }
}

public class WallMidnightTests(MidnightBrowserFixture fx) : IClassFixture<MidnightBrowserFixture>
{
    [Fact]
    public async Task A_moved_server_clock_rolls_the_wall_over_at_midnight()
    {
        using (var posted = await fx.App.Http.PostEvent("sample-02", new { id = Guid.NewGuid(), service = "visit", quantity = 4 }))
        {
            Assert.True(posted.IsSuccessStatusCode);
        }
        var wall = await fx.OpenWall("sample");
        var totals = wall.Locator("#totals .grand .label");
        await Expect(wall.Locator("[data-station-total='sample-02']")).ToHaveTextAsync("4");
        var today = LocalDay.Of(fx.App.Clock.GetUtcNow(), LocalDay.Zone(LocalDay.DefaultTimeZone));
        await Expect(totals).ToContainTextAsync(today.ToString("yyyy-MM-dd"));

        fx.App.Clock.MoveTo(new TimeOnly(23, 59, 57), LocalDay.DefaultTimeZone);

        await Expect(totals).ToContainTextAsync(today.AddDays(1).ToString("yyyy-MM-dd"), new() { Timeout = 15_000 });
        await Expect(wall.Locator("[data-station-total='sample-02']")).ToHaveTextAsync("0");
        await Expect(wall.Locator("[data-total]")).ToHaveTextAsync("0");
    }
}
