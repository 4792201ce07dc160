using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StationNet.Grains.Catalog;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;
using StationNet.Tests;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>The wall in a real Chromium: live within a second, honest when the link drops, rotating when large.</summary>
public class WallTests(BrowserFixture fx) : BrowserTest(fx), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_posted_event_appears_on_the_wall_within_a_second()
    {
        var wall = await fx.OpenWall("sample");
        var tile = wall.Locator("[data-station-total='sample-04']");
        await Expect(tile).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        var before = int.Parse(await tile.InnerTextAsync());
        var grand = int.Parse(await wall.Locator("[data-total]").InnerTextAsync());

        // Three taps, one after the other: the median is what a person at the wall sees; one slow moment of a
        // machine busy with other tests does not decide it, but every tap must arrive. The moment the number
        // changed is taken in the page itself (a mutation observer on the tile), not by the test's polling,
        // whose growing intervals would add up to a second of their own.
        var took = new List<long>();
        for (var tap = 1; tap <= 3; tap++)
        {
            var expected = (before + 2 * tap).ToString();
            await wall.EvaluateAsync(@"expected => {
                const tile = document.querySelector(""[data-station-total='sample-04']"");
                window.__shownAt = 0;
                new MutationObserver((_, o) => { if (tile.textContent === expected) { window.__shownAt = Date.now(); o.disconnect(); } })
                    .observe(tile, { childList: true, characterData: true, subtree: true });
            }", expected);
            var postedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            using var posted = await fx.App.Http.PostEvent("sample-04", new { id = Guid.NewGuid(), service = "visit", quantity = 2, workerGroup = "delivery" });
            Assert.True(posted.IsSuccessStatusCode, $"tap {tap}: {(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");
            // Every tap must arrive; how fast is the median's to say. CI once stalled both of its test processes for
            // over ten seconds at the same moment (this test and BalancerTests), so arriving is given 15 s.
            await Expect(tile).ToHaveTextAsync(expected, new() { Timeout = 15_000 });
            took.Add(await wall.EvaluateAsync<long>("() => window.__shownAt") - postedAt);
        }

        var median = took.Order().ElementAt(1);
        Assert.True(median < 1000, $"{median} ms from the post to the wall (median of {string.Join(", ", took)} ms)");
        await Expect(wall.Locator("[data-total]")).ToHaveTextAsync((grand + 6).ToString());
        await Expect(wall.Locator("#ticker li").First).ToContainTextAsync("示例·科技园驿站");
        await Expect(wall.Locator("#townships li[data-township='示例高新街道'] .n")).Not.ToHaveTextAsync("0");
        await Expect(wall.Locator(".tile[data-station='sample-04'] .strip [data-service='visit']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_dropped_connection_is_shown_plainly_and_the_wall_resyncs_when_it_returns()
    {
        var wall = await fx.OpenWall("sample");
        var tile = wall.Locator("[data-station-total='sample-08']");
        await Expect(tile).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        var before = int.Parse(await tile.InnerTextAsync());
        // The tile grid as a whole, not its tiles: while the test waits for the banner, the tiles may turn to their next
        // page (every 12 s, when other tests have given the network more stations than fit), which is not "moving".
        const string Boxes = "() => [...document.querySelectorAll('#tiles, .kpi, .panel')].map(e => { const r = e.getBoundingClientRect(); return `${e.id || e.className} ${r.x},${r.y},${r.width},${r.height}`; }).join('; ')";
        var layout = await wall.EvaluateAsync<string>(Boxes);

        await wall.Context.SetOfflineAsync(true);
        await Expect(wall.Locator("#lost")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(wall.Locator("#lost")).ToContainTextAsync("连接中断");
        await Expect(wall.Locator("#lost")).ToHaveAttributeAsync("data-reason", "lost");
        Assert.Equal(layout, await wall.EvaluateAsync<string>(Boxes)); // the banner lies over the wall: nothing moved
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
    public async Task Month_and_year_move_live_with_every_event_late_ones_included()
    {
        var wall = await fx.OpenWall("sample");
        await Expect(wall.Locator("[data-year-total]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        var month = int.Parse(await wall.Locator("[data-month-total]").InnerTextAsync());
        var year = int.Parse(await wall.Locator("[data-year-total]").InnerTextAsync());
        var today = int.Parse(await wall.Locator("[data-total]").InnerTextAsync());

        using (var now = await fx.App.Http.PostEvent("sample-05", new { id = Guid.NewGuid(), service = "water", quantity = 2 }))
        {
            Assert.True(now.IsSuccessStatusCode);
        }
        await Expect(wall.Locator("[data-total]")).ToHaveTextAsync((today + 2).ToString());
        await Expect(wall.Locator("[data-month-total]")).ToHaveTextAsync((month + 2).ToString());
        await Expect(wall.Locator("[data-year-total]")).ToHaveTextAsync((year + 2).ToString());

        // A tablet that was offline sends yesterday's event today: today stays, the month and year take it.
        var zone = LocalDay.Zone(LocalDay.DefaultTimeZone);
        var occurredAt = fx.App.Clock.GetUtcNow().AddHours(-24);
        var (day, todayDay) = (LocalDay.Of(occurredAt, zone), LocalDay.Of(fx.App.Clock.GetUtcNow(), zone));
        using (var late = await fx.App.Http.PostEvent("sample-05", new { id = Guid.NewGuid(), service = "water", quantity = 5, occurredAt }))
        {
            Assert.True(late.IsSuccessStatusCode);
        }
        var monthMoves = day.Month == todayDay.Month ? 5 : 0;
        var yearMoves = day.Year == todayDay.Year ? 5 : 0;
        await Expect(wall.Locator("[data-year-total]")).ToHaveTextAsync((year + 2 + yearMoves).ToString());
        await Expect(wall.Locator("[data-month-total]")).ToHaveTextAsync((month + 2 + monthMoves).ToString());
        await Expect(wall.Locator("[data-total]")).ToHaveTextAsync((today + 2).ToString());
        await Expect(wall.Locator("#chart canvas")).ToBeVisibleAsync();
        await Expect(wall.Locator("#days canvas")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Each_station_shows_one_status_word_from_the_server()
    {
        var wall = await fx.OpenWall("sample");
        await Expect(wall.Locator(".tile[data-station='sample-02'] .status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(开放|开放·无记录|未按时开站|失联|闭站)$"));
        var live = await fx.App.Http.GetNode("/api/networks/sample/live");
        foreach (var station in live!["stations"]!.AsArray().Take(8))
        {
            var id = (string)station!["stationId"]!;
            var status = (string)station["status"]!;
            Assert.Contains(status, new[] { "open", "open-silent", "late", "unreachable", "closed" });
            var tile = wall.Locator($".tile[data-station='{id}']");
            if (await tile.IsVisibleAsync())
            {
                await Expect(tile).ToHaveAttributeAsync("data-status", status);
                await Expect(tile.Locator(".status")).ToHaveCountAsync(1);
            }
        }
        Assert.Equal(live["stations"]!.AsArray().Count(s => (string)s!["status"]! is "open" or "open-silent"), (int)live["openNow"]!);
        await Expect(wall.Locator("#open-now")).ToHaveAttributeAsync("data-open", ((int)live["openNow"]!).ToString());
    }

    [Fact]
    public async Task The_language_comes_from_the_link_and_there_is_no_button()
    {
        var wall = await fx.Open($"/wall/sample?screen={Uri.EscapeDataString(fx.App.ScreenToken)}&lang=en", 1920, 1080);
        await Expect(wall.Locator("#totals")).ToContainTextAsync("Served today");
        await Expect(wall.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(wall.Locator("button")).ToHaveCountAsync(0);
        var chinese = await fx.OpenWall("sample");
        await Expect(chinese.Locator("#totals")).ToContainTextAsync("今日服务人次");
    }

    [Fact]
    public async Task A_revoked_link_says_so_instead_of_connection_lost()
    {
        var (id, token) = await Sessions.NewScreenLink(fx.App.Http, "sample");
        var wall = await fx.Open($"/wall/sample?screen={Uri.EscapeDataString(token)}", 1920, 1080);
        await Expect(wall.Locator("[data-total]")).ToBeVisibleAsync();

        using (var revoked = await fx.App.Http.PostAsync($"/api/admin/screen-links/{id}/revoke", null))
        {
            Assert.True(revoked.IsSuccessStatusCode);
        }

        await Expect(wall.Locator("#lost")).ToHaveTextAsync("此大屏链接已失效，请联系管理员获取新链接", new() { Timeout = 30_000 });
        await Expect(wall.Locator("#lost")).ToHaveAttributeAsync("data-reason", "revoked");
        var english = await fx.Open($"/wall/sample?screen={Uri.EscapeDataString(token)}&lang=en", 1920, 1080);
        await Expect(english.Locator("#wall-error")).ToContainTextAsync("This wall link is no longer valid");
    }
}

/// <summary>An app whose clock stands shortly before local midnight, and a browser on it.</summary>
public sealed class MidnightBrowserFixture : BrowserFixture
{
    public MidnightBrowserFixture() : base(new StationNetApp(clock: ShiftedClock.At(new TimeOnly(23, 50), LocalDay.DefaultTimeZone)))
    {
    }
}

public class WallMidnightTests(MidnightBrowserFixture fx) : BrowserTest(fx), IClassFixture<MidnightBrowserFixture>
{
    [Fact]
    public async Task A_moved_server_clock_rolls_the_wall_over_at_midnight()
    {
        using (var posted = await fx.App.Http.PostEvent("sample-02", new { id = Guid.NewGuid(), service = "visit", quantity = 4 }))
        {
            Assert.True(posted.IsSuccessStatusCode);
        }
        var wall = await fx.OpenWall("sample");
        var totals = wall.Locator("#day");
        await Expect(wall.Locator("[data-station-total='sample-02']")).ToHaveTextAsync("4");
        var today = LocalDay.Of(fx.App.Clock.GetUtcNow(), LocalDay.Zone(LocalDay.DefaultTimeZone));
        await Expect(totals).ToContainTextAsync(today.ToString("yyyy-MM-dd"));

        fx.App.Clock.MoveTo(new TimeOnly(23, 59, 57), LocalDay.DefaultTimeZone);

        await Expect(totals).ToContainTextAsync(today.AddDays(1).ToString("yyyy-MM-dd"), new() { Timeout = 15_000 });
        await Expect(wall.Locator("[data-station-total='sample-02']")).ToHaveTextAsync("0");
        await Expect(wall.Locator("[data-total]")).ToHaveTextAsync("0");
    }
}
