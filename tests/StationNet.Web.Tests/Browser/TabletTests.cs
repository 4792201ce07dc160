using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>The attendant's tablet, offline-first: taps wait on the device and reach the server exactly once.</summary>
public class TabletTests(BrowserFixture fx) : BrowserTest(fx), IClassFixture<BrowserFixture>
{
    private static readonly Regex Number = new(@"^\d+$");

    private async Task<int> ServerCount(string stationId, string service) =>
        (await fx.App.Http.GetNode($"/api/stations/{stationId}"))["counts"].Count(service);

    private static async Task<int> Shown(IPage tablet, string service)
    {
        var count = tablet.Locator($"[data-count='{service}']");
        await Expect(count).ToHaveTextAsync(Number);
        return int.Parse(await count.InnerTextAsync());
    }

    private static async Task WaitForServiceWorker(IPage page) =>
        await page.EvaluateAsync("async () => { await navigator.serviceWorker.ready; }");

    [Fact]
    public async Task Undo_voids_a_tap_of_today_after_a_confirmation()
    {
        var tablet = await fx.OpenTablet("sample-11");
        var before = await Shown(tablet, "water");
        await tablet.Locator("button[data-service='water']").ClickAsync();
        await Expect(tablet.Locator("[data-count='water']")).ToHaveTextAsync((before + 1).ToString());
        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-state", "online");

        var undo = tablet.Locator("li[data-tap] button.undo").First;
        await undo.ClickAsync();
        await Expect(undo).ToHaveTextAsync("确认撤销？");
        await undo.ClickAsync();

        await Expect(tablet.Locator("[data-count='water']")).ToHaveTextAsync(before.ToString());
        await Expect(tablet.Locator("li[data-tap]").First).ToHaveAttributeAsync("data-state", "voided");
        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-state", "online");
        Assert.Equal(before, await ServerCount("sample-11", "water"));
    }

    [Fact]
    public async Task Twenty_taps_while_offline_are_counted_exactly_once_when_back_online()
    {
        var tablet = await fx.OpenTablet("sample-12");
        await WaitForServiceWorker(tablet);
        var before = await Shown(tablet, "visit");
        var server = await ServerCount("sample-12", "visit");

        await tablet.Context.SetOfflineAsync(true);
        for (var i = 0; i < 20; i++)
        {
            await tablet.Locator("button[data-service='visit']").ClickAsync();
        }
        await Expect(tablet.Locator("[data-count='visit']")).ToHaveTextAsync((before + 20).ToString());
        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-state", "offline");
        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-waiting", "20");
        await Expect(tablet.Locator("#sync")).ToContainTextAsync("20");
        Assert.Equal(server, await ServerCount("sample-12", "visit"));

        await tablet.Context.SetOfflineAsync(false);

        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 20_000 });
        Assert.Equal(server + 20, await ServerCount("sample-12", "visit"));
        await Expect(tablet.Locator("[data-count='visit']")).ToHaveTextAsync((server + 20).ToString());
    }

    [Fact]
    public async Task Taps_made_offline_go_as_one_batch_and_a_tap_the_server_refuses_is_marked_refused()
    {
        var station = new { name = "批量测试驿站", township = "测试街道", openingHours = new { opens = "00:00", closes = "24:00" }, seats = 4 };
        using (var created = await fx.App.Http.PostAsJsonAsync("/api/admin/networks/sample/stations", new
        {
            id = "batch-tablet", station.name, station.township, services = new[] { "visit", "shower" }, station.openingHours, station.seats,
        }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }
        var tablet = await fx.OpenTablet("batch-tablet", serviceWorkers: false);
        await Shown(tablet, "visit");
        var posts = new List<string>();
        tablet.Response += (_, r) =>
        {
            if (r.Request.Method == "POST" && r.Url.Contains("/events", StringComparison.Ordinal))
            {
                lock (posts)
                {
                    posts.Add($"{r.Url[r.Url.IndexOf("/events", StringComparison.Ordinal)..]} {r.Status}");
                }
            }
        };

        var triedOffline = 0;
        void Tried(object? _, Microsoft.Playwright.IRequest r)
        {
            if (r.Method == "POST" && r.Url.Contains("/events", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref triedOffline);
            }
        }
        await tablet.Context.SetOfflineAsync(true);
        tablet.Request += Tried;
        for (var i = 0; i < 25; i++)
        {
            await tablet.Locator("button[data-service='visit']").ClickAsync();
        }
        for (var i = 0; i < 3; i++)
        {
            await tablet.Locator("button[data-service='shower']").ClickAsync();
        }
        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-waiting", "28");
        // While the tablet was offline the station stopped offering showers: those three taps will be refused.
        using (var changed = await fx.App.Http.PutAsJsonAsync("/api/admin/stations/batch-tablet", new
        {
            station.name, station.township, services = new[] { "visit" }, station.openingHours, station.seats,
        }))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, changed.StatusCode);
        }
        // The browser knows it is offline: no tap is tried until it is back, so the queue goes whole, not split
        // by a send that read the queue before the last taps.
        tablet.Request -= Tried;
        Assert.Equal(0, triedOffline);
        await tablet.Context.SetOfflineAsync(false);

        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 20_000 });
        Assert.Equal(25, await ServerCount("batch-tablet", "visit"));
        lock (posts)
        {
            Assert.Equal(["/events/batch 200"], posts);
        }
        await Expect(tablet.Locator("[data-count='visit']")).ToHaveTextAsync("25");
        await Expect(tablet.Locator("#refused")).ToContainTextAsync("3 条记录被服务器拒绝");
        await Expect(tablet.Locator("li[data-tap][data-state='refused']")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task A_reload_while_offline_keeps_the_waiting_taps()
    {
        var tablet = await fx.OpenTablet("sample-13");
        await WaitForServiceWorker(tablet);
        var server = await ServerCount("sample-13", "meal");

        await tablet.Context.SetOfflineAsync(true);
        for (var i = 0; i < 3; i++)
        {
            await tablet.Locator("button[data-service='meal']").ClickAsync();
        }
        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-waiting", "3");
        await tablet.ReloadAsync();

        // The service worker serves the page with no network; the taps are still on the device.
        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-waiting", "3");
        await Expect(tablet.Locator("[data-count='meal']")).ToHaveTextAsync((server + 3).ToString());
        await tablet.Context.SetOfflineAsync(false);

        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 20_000 });
        Assert.Equal(server + 3, await ServerCount("sample-13", "meal"));
    }

    [Fact]
    public async Task A_tablet_told_to_retry_after_four_seconds_waits_that_long_and_the_tap_counts_once()
    {
        var tablet = await fx.OpenTablet("sample-17", serviceWorkers: false);
        var server = await ServerCount("sample-17", "charging");
        var sent = new List<DateTime>();
        // The first post meets a server that is restarting its database: 503, Retry-After: 4.
        await tablet.RouteAsync("**/api/stations/sample-17/events", async route =>
        {
            sent.Add(DateTime.UtcNow);
            if (sent.Count == 1)
            {
                await route.FulfillAsync(new()
                {
                    Status = 503, ContentType = "application/problem+json", Headers = new Dictionary<string, string> { ["Retry-After"] = "4" },
                    Body = "{\"status\":503,\"title\":\"Service unavailable\",\"detail\":\"database restarting\"}",
                });
            }
            else
            {
                await route.ContinueAsync();
            }
        });

        await tablet.Locator("button[data-service='charging']").ClickAsync();

        // The tablet shows the tap at once (offline-first); what matters here is when it sends it again.
        for (var waited = 0; sent.Count < 2 && waited < 200; waited++)
        {
            await Task.Delay(100);
        }
        Assert.Equal(2, sent.Count);
        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 20_000 });
        await Expect(tablet.Locator("[data-count='charging']")).ToHaveTextAsync((server + 1).ToString());
        // Its own backoff would have tried again after one second; the server asked for four.
        Assert.True(sent[1] - sent[0] >= TimeSpan.FromSeconds(3.9), $"resent after {(sent[1] - sent[0]).TotalSeconds:F1} s");
        Assert.Equal(server + 1, await ServerCount("sample-17", "charging"));
    }

    [Fact]
    public async Task A_resend_after_a_lost_reply_is_counted_once()
    {
        var tablet = await fx.OpenTablet("sample-16", serviceWorkers: false);
        var server = await ServerCount("sample-16", "charging");
        var lost = 0;
        // The first post reaches the server, but its reply never reaches the tablet.
        await tablet.RouteAsync("**/api/stations/sample-16/events", async route =>
        {
            if (lost++ == 0)
            {
                await route.FetchAsync();
                await route.AbortAsync("connectionreset");
            }
            else
            {
                await route.ContinueAsync();
            }
        });

        await tablet.Locator("button[data-service='charging']").ClickAsync();

        for (var waited = 0; lost < 2 && waited < 200; waited++)
        {
            await Task.Delay(100);
        }
        Assert.True(lost >= 2, "the tablet did not send the tap again");
        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 20_000 });
        Assert.Equal(server + 1, await ServerCount("sample-16", "charging"));
        await Expect(tablet.Locator("[data-count='charging']")).ToHaveTextAsync((server + 1).ToString());
    }

    [Fact]
    public async Task A_group_of_five_couriers_is_one_tap_and_the_choices_reset()
    {
        var tablet = await fx.OpenTablet("sample-17");
        var before = await Shown(tablet, "visit");
        await tablet.Locator("button[data-quantity='5']").ClickAsync();
        await tablet.Locator("button[data-group='courier']").ClickAsync();
        await Expect(tablet.Locator("button[data-group='courier']")).ToHaveAttributeAsync("aria-pressed", "true");
        await tablet.Locator("#attendant").FillAsync("李师傅");
        await tablet.Locator("#attendant").DispatchEventAsync("change");

        await tablet.Locator("button[data-service='visit']").ClickAsync();

        await Expect(tablet.Locator("[data-count='visit']")).ToHaveTextAsync((before + 5).ToString());
        await Expect(tablet.Locator("button[data-quantity='1']")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(tablet.Locator("button[data-group='courier']")).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(tablet.Locator("li[data-tap]").First).ToContainTextAsync("×5");
        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-state", "online");
        Assert.Equal(before + 5, await ServerCount("sample-17", "visit"));
        await tablet.ReloadAsync();
        await Expect(tablet.Locator("#attendant")).ToHaveValueAsync("李师傅");
    }

    [Fact]
    public async Task The_list_keeps_the_order_taps_were_made_when_the_measured_server_time_moves_back()
    {
        var tablet = await fx.OpenTablet("sample-14");
        var made = new List<string>();
        async Task Tap(string service)
        {
            await tablet.Locator($"button[data-service='{service}']").ClickAsync();
            await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-state", "online");
            made.Insert(0, (await tablet.Locator("#recorded").GetAttributeAsync("data-tap"))!);
        }
        await Tap("visit");

        // The next measurement of the server's clock comes out ten minutes earlier (a slow reply under load
        // gives a wrong one the same way), so the next taps' times are before the first one's.
        await tablet.RouteAsync("**/api/about", async route =>
        {
            var about = System.Text.Json.Nodes.JsonNode.Parse(await (await route.FetchAsync()).TextAsync())!;
            about["now"] = about["now"]!.GetValue<DateTimeOffset>().AddMinutes(-10);
            await route.FulfillAsync(new() { ContentType = "application/json", Body = about.ToJsonString() });
        });
        await Tap("water");
        await Tap("meal");
        Assert.Equal(3, made.Distinct().Count());

        // Newest first, as the attendant made them, and the same after a reload.
        for (var round = 0; round < 2; round++)
        {
            var order = await tablet.Locator("li[data-tap]").EvaluateAllAsync<string[]>("items => items.slice(0, 3).map(li => li.dataset.tap)");
            Assert.Equal(made, order);
            await tablet.ReloadAsync();
            await Expect(tablet.Locator("li[data-tap]").First).ToBeVisibleAsync();
        }
    }
}
