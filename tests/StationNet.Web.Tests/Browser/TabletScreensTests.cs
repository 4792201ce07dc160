using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>What the attendant sees on the tablet: what was recorded, how the taps stand, pairing, opening; all elder-friendly.</summary>
public class TabletScreensTests(BrowserFixture fx) : BrowserTest(fx), IClassFixture<BrowserFixture>
{
    /// <summary>
    /// Everything a person sees or touches, measured: every visible button and input at least 60 px in its smaller
    /// dimension, every text at least 18 px with contrast of at least 4.5:1 against the background that is really
    /// behind it (found by walking up to the first ancestor that paints one), and nothing wider than the screen.
    /// </summary>
    internal const string ElderScript = """
        () => {
          const fails = [];
          const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
          const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
            .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
          const background = (e) => {
            for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length === 3 || c[3] > 0) return c; }
            return rgb(getComputedStyle(document.documentElement).backgroundColor).length === 3 ? rgb(getComputedStyle(document.documentElement).backgroundColor) : [255, 255, 255];
          };
          const seen = (e) => e.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && e.getClientRects().length > 0;
          const name = (e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).split(' ')[0] : ''} "${(e.innerText || e.value || '').trim().slice(0, 20)}"`;
          for (const c of document.querySelectorAll('button, input, select, textarea, a[href]')) {
            if (!seen(c)) continue;
            const r = c.getBoundingClientRect();
            if (Math.min(r.width, r.height) < 60) fails.push(`${name(c)} is ${Math.round(r.width)}x${Math.round(r.height)} px`);
          }
          const texts = [...document.querySelectorAll('body *')].filter(e => seen(e)
            && ([...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) || e.tagName === 'INPUT'));
          for (const e of texts) {
            const style = getComputedStyle(e);
            const size = parseFloat(style.fontSize);
            if (size < 18) fails.push(`${name(e)} text is ${size} px`);
            const a = lum(rgb(style.color)), b = lum(background(e));
            const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            if (ratio < 4.5) fails.push(`${name(e)} contrast ${ratio.toFixed(2)}:1`);
          }
          if (document.documentElement.scrollWidth > innerWidth) fails.push(`the page is ${document.documentElement.scrollWidth} px wide`);
          for (const e of document.querySelectorAll('body *')) {
            if (seen(e) && e.getBoundingClientRect().right > innerWidth + 1) fails.push(`${name(e)} reaches ${Math.round(e.getBoundingClientRect().right)} px`);
          }
          return fails;
        }
        """;

    private static async Task AssertElderFriendly(IPage page, string screen)
    {
        var fails = await page.EvaluateAsync<string[]>(ElderScript);
        Assert.True(fails.Length == 0, $"{screen} at {page.ViewportSize!.Width}x{page.ViewportSize.Height}: {string.Join("; ", fails.Take(12))}");
    }

    private async Task<int> ServerCount(string stationId, string service) =>
        (await fx.App.Http.GetNode($"/api/stations/{stationId}"))["counts"].Count(service);

    private async Task<string> PairingCode(string stationId)
    {
        using var issued = await fx.App.Http.PostAsync($"/api/admin/stations/{stationId}/pairing-codes", null);
        issued.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["code"]!;
    }

    private async Task RevokeTablets(string stationId)
    {
        var devices = (await fx.App.Http.GetNode("/api/admin/networks/sample/devices")).AsArray();
        foreach (var device in devices.Where(d => (string?)d!["stationId"] == stationId && d["revokedAt"] is null))
        {
            using var revoked = await fx.App.Http.PostAsync($"/api/admin/devices/{(string)device!["id"]!}/revoke", null);
            revoked.EnsureSuccessStatusCode();
        }
    }

    private async Task<string> StationName(string stationId) =>
        (string)(await fx.App.Http.GetNode("/api/networks/sample"))["stations"]!.AsArray().First(s => (string?)s!["id"] == stationId)!["name"]!;

    [Theory]
    [InlineData("zh", "✓ 理发 ×1 已记录", "已撤销")]
    [InlineData("en", "✓ Haircut ×1 recorded", "Undone")]
    public async Task A_tap_says_what_was_recorded_in_view_and_the_last_taps_stay_in_view(string lang, string recorded, string undone)
    {
        var stationId = lang == "zh" ? "sample-04" : "sample-10";
        var tablet = await fx.OpenTablet(stationId);
        if (lang == "en")
        {
            await tablet.Locator("header button.lang").ClickAsync();
        }
        var before = await ServerCount(stationId, "haircut");

        await tablet.Locator("button[data-service='haircut']").ClickAsync();

        var confirmation = tablet.Locator("#recorded");
        await Expect(confirmation).ToHaveAttributeAsync("data-state", "recorded");
        await Expect(confirmation.Locator(".what")).ToHaveTextAsync(recorded);
        await Expect(confirmation).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(confirmation.Locator("button.undo")).ToBeVisibleAsync();
        var box = await Size(confirmation.Locator("button.undo"));
        Assert.True(Math.Min(box[0], box[1]) >= 60, $"the undo beside the confirmation is {box[0]}x{box[1]} px");
        var size = await confirmation.Locator(".what").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(size >= 24, $"the confirmation's words are {size} px");

        // Undo from the confirmation itself, with the same second touch the list asks for.
        await confirmation.Locator("button.undo").ClickAsync();
        await confirmation.Locator("button.undo").ClickAsync();
        await Expect(confirmation).ToHaveAttributeAsync("data-state", "undone");
        await Expect(confirmation).ToContainTextAsync(undone);
        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-state", "online");
        Assert.Equal(before, await ServerCount(stationId, "haircut"));

        // Four more taps: the four latest, each with its undo, are on screen without scrolling.
        foreach (var service in new[] { "water", "meal", "visit", "charging" })
        {
            await tablet.Locator($"button[data-service='{service}']").ClickAsync();
        }
        await Expect(tablet.Locator("li[data-tap]")).ToHaveCountAsync(5);
        Assert.Equal(0, await tablet.EvaluateAsync<double>("() => window.scrollY"));
        for (var i = 0; i < 4; i++)
        {
            await Expect(tablet.Locator("li[data-tap]").Nth(i)).ToBeInViewportAsync(new() { Ratio = 1 });
        }
        await Expect(tablet.Locator("li[data-tap]").First).ToContainTextAsync(lang == "zh" ? "充电" : "Phone charging");

        // The confirmation steps back after a few seconds, so it never stands for an old tap.
        await Expect(confirmation).ToHaveAttributeAsync("data-state", "idle", new() { Timeout = 20_000 });
    }

    /// <summary>
    /// On a phone the confirmation has a strip of its own below the buttons, which scroll above it: with the buttons
    /// at the top and scrolled to the end, no service button lies under it (the point at each button's centre is the
    /// button), so a quick second tap always lands on a service; its undo is still at least 60 px.
    /// </summary>
    [Theory]
    [InlineData("zh", "sample-17", "✓ 饮水 ×1 已记录")]
    [InlineData("en", "sample-18", "✓ Drinking water ×1 recorded")]
    public async Task On_a_phone_what_was_recorded_never_covers_a_service_button(string lang, string stationId, string recorded)
    {
        var tablet = await fx.OpenTablet(stationId, 390, 844);
        if (lang == "en")
        {
            await tablet.Locator("header button.lang").ClickAsync();
        }
        await tablet.Locator("button[data-service='water']").ClickAsync();
        var confirmation = tablet.Locator("#recorded");
        await Expect(confirmation).ToHaveAttributeAsync("data-state", "recorded");
        await Expect(confirmation.Locator(".what")).ToHaveTextAsync(recorded);
        await Expect(confirmation).ToBeInViewportAsync(new() { Ratio = 1 });
        var undo = await Size(confirmation.Locator("button.undo"));
        Assert.True(Math.Min(undo[0], undo[1]) >= 60, $"the undo is {undo[0]}x{undo[1]} px");
        await BrowserFixture.Screenshot(tablet, $"tablet-phone-recorded-{lang}.png");
        const string Covered = """
            () => {
              // What of a button can be seen (and touched) is what its scrolling area and the screen show of it.
              const strip = document.getElementById('recorded').getBoundingClientRect();
              const area = document.querySelector('main.tablet').getBoundingClientRect();
              const fails = [];
              for (const b of document.querySelectorAll('button.service')) {
                const r = b.getBoundingClientRect();
                const top = Math.max(r.top, area.top, 0), bottom = Math.min(r.bottom, area.bottom, innerHeight);
                if (bottom - top <= 0) continue;
                if (bottom > strip.top && top < strip.bottom) fails.push(`${b.dataset.service} overlaps the confirmation`);
                const y = (top + bottom) / 2, x = r.left + r.width / 2;
                const hit = document.elementFromPoint(x, y);
                if (!hit || !b.contains(hit)) fails.push(`${b.dataset.service} is covered at its centre by ${hit && hit.className}`);
              }
              return fails;
            }
            """;
        Assert.Empty(await tablet.EvaluateAsync<string[]>(Covered));
        await tablet.Locator("main.tablet").EvaluateAsync("e => e.scrollTo(0, e.scrollHeight)");
        Assert.Empty(await tablet.EvaluateAsync<string[]>(Covered));
        await Expect(confirmation).ToBeInViewportAsync(new() { Ratio = 1 });
        // A second quick tap lands on its service, and the strip now says that one.
        await tablet.Locator("main.tablet").EvaluateAsync("e => e.scrollTo(0, 0)");
        await tablet.Locator("button[data-service='visit']").ClickAsync();
        await Expect(tablet.Locator("li[data-tap]")).ToHaveCountAsync(2);
        await AssertElderFriendly(tablet, "phone after two taps");
        // Open/close and supplies share one row in either language, each whole and large enough to touch.
        var row = await tablet.EvaluateAsync<double[]>("""
            () => [document.getElementById('opening'), document.getElementById('supplies-toggle')].flatMap(b => {
              const r = b.getBoundingClientRect();
              return [r.top, r.height, b.scrollWidth - b.clientWidth, b.scrollHeight - b.clientHeight];
            })
            """);
        Assert.True(Math.Abs(row[0] - row[4]) < 2, $"the open/close button's top is {row[0]} px, the supplies button's {row[4]} px");
        Assert.True(Math.Min(row[1], row[5]) >= 60, $"the buttons are {row[1]} and {row[5]} px high");
        Assert.True(row[2] <= 0 && row[3] <= 0 && row[6] <= 0 && row[7] <= 0, "a button's words overflow it");
        await tablet.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280, 800, "sample-05")]
    [InlineData(390, 844, "long-name")]
    public async Task Every_tablet_screen_is_elder_friendly_and_fits(int width, int height, string stationId)
    {
        if (stationId == "long-name")
        {
            // A station whose name is far wider than a phone.
            using var added = await fx.App.Http.PostAsJsonAsync("/api/admin/networks/sample/stations", new
            {
                id = stationId, name = "示例·城市中心区人民广场东侧环卫工人爱心驿站", township = "示例中心街道",
                services = new[] { "visit", "water", "meal" }, openingHours = new { opens = "07:00", closes = "21:00" }, seats = 6,
            });
            Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        }
        var name = await StationName(stationId);
        // The station is not open (no one opened it), so the first tap asks whether to open it.
        var page = await fx.Open($"/station/{stationId}?pair={await PairingCode(stationId)}", width, height, serviceWorkers: false);

        await Expect(page.Locator("#pair-station")).ToContainTextAsync(name);
        await AssertElderFriendly(page, "pairing");
        await page.Locator("header button.lang").ClickAsync();
        await Expect(page.Locator("#pair-submit")).ToHaveTextAsync("Pair");
        await Expect(page.Locator("#pair-station")).ToContainTextAsync($"Station: {name}");
        await AssertElderFriendly(page, "pairing in English");
        await page.Locator("header button.lang").ClickAsync();

        await page.Locator("#pair-submit").ClickAsync();
        await Expect(page.Locator("[data-count='visit']")).ToBeVisibleAsync();
        await AssertElderFriendly(page, "main");
        await page.Locator("header button.lang").ClickAsync();
        await Expect(page.Locator("#sync")).ToContainTextAsync("Online, all sent");
        await AssertElderFriendly(page, "main in English");
        await page.Locator("header button.lang").ClickAsync();
        await Expect(page.Locator("link[rel='manifest']")).ToHaveAttributeAsync("href", "/manifest.webmanifest");
        // The station's name stays on one line, whole in its title.
        var h1 = page.Locator("header h1");
        await Expect(h1).ToHaveAttributeAsync("title", name);
        var lines = await h1.EvaluateAsync<double>("e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight === 'normal' ? parseFloat(getComputedStyle(e).fontSize) * 1.5 : getComputedStyle(e).lineHeight)");
        Assert.True(lines < 1.5, $"the station's name takes {lines:0.0} lines");

        await page.Locator("button[data-quantity='2']").ClickAsync();
        await page.Locator("button[data-group='sanitation']").ClickAsync();
        await page.Locator("button[data-service='visit']").ClickAsync();
        await Expect(page.Locator("#ask-open")).ToBeVisibleAsync();
        await AssertElderFriendly(page, "asking to open");
        await page.Locator("#ask-open-no").ClickAsync();

        await Expect(page.Locator("#recorded")).ToHaveAttributeAsync("data-state", "recorded");
        await AssertElderFriendly(page, "confirmation");
        await page.Locator("#recorded button.undo").ClickAsync();
        await AssertElderFriendly(page, "confirming an undo");

        // A tap the server refuses for good (a reused id with other content: 409) is shown, with what to do.
        await page.RouteAsync($"**/api/stations/{stationId}/events", route => route.FulfillAsync(new()
        {
            Status = 409, ContentType = "application/problem+json",
            Body = """{"status":409,"title":"Conflict","detail":"The event id was used before with other content (事件编号已用于其他内容)"}""",
        }));
        await page.Locator("button[data-service='water']").ClickAsync();
        await Expect(page.Locator("#refused")).ToBeVisibleAsync();
        await Expect(page.Locator("#refused")).ToContainTextAsync("1 条记录被服务器拒绝");
        await Expect(page.Locator("li[data-tap]").First).ToHaveAttributeAsync("data-state", "refused");
        await AssertElderFriendly(page, "refused");
        await page.UnrouteAsync($"**/api/stations/{stationId}/events");
        await page.Locator("#refused-understood").ClickAsync();
        await Expect(page.Locator("#refused")).ToBeHiddenAsync();

        await page.Context.SetOfflineAsync(true);
        await page.Locator("button[data-service='meal']").ClickAsync();
        await Expect(page.Locator("#sync")).ToHaveAttributeAsync("data-state", "offline");
        await Expect(page.Locator("#sync")).ToContainTextAsync("离线：1 条待上传");
        await AssertElderFriendly(page, "offline");

        await RevokeTablets(stationId);
        await page.Context.SetOfflineAsync(false);
        await Expect(page.Locator("#repair")).ToContainTextAsync("此平板需要重新配对，已记录的 1 条会在配对后发送", new() { Timeout = 20_000 });
        await AssertElderFriendly(page, "pairing again");
    }

    [Fact]
    public async Task A_tablet_the_server_no_longer_knows_says_so_keeps_its_taps_and_sends_them_once_after_pairing_again()
    {
        const string stationId = "sample-07";
        // Paired through its own form (a token planted by a test script would come back on every reload).
        var tablet = await fx.Open($"/station/{stationId}?pair={await PairingCode(stationId)}", 1280, 800, serviceWorkers: false);
        await tablet.Locator("#pair-submit").ClickAsync();
        var before = await ServerCount(stationId, "water");
        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-state", "online");

        // Taps while the link is down; meanwhile the server forgets the tablet (a restart of the embedded default
        // forgets every tablet; revoking it here is the same answer: 401 on its token).
        await tablet.Context.SetOfflineAsync(true);
        for (var i = 0; i < 3; i++)
        {
            await tablet.Locator("button[data-service='water']").ClickAsync();
            if (i == 0)
            {
                // No one opened the station: the first tap asks once; offline, the attendant just records.
                await tablet.Locator("#ask-open-no").ClickAsync();
            }
        }
        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-waiting", "3");
        await RevokeTablets(stationId);
        await tablet.Context.SetOfflineAsync(false);

        await Expect(tablet.Locator("#repair")).ToContainTextAsync("此平板需要重新配对，已记录的 3 条会在配对后发送", new() { Timeout = 20_000 });
        await Expect(tablet.Locator("#pair-code")).ToBeVisibleAsync();
        await Expect(tablet.Locator("#pair-station")).ToContainTextAsync(await StationName(stationId));
        // A reload does not lose the taps nor the reason for the form.
        await tablet.ReloadAsync();
        await Expect(tablet.Locator("#repair")).ToContainTextAsync("已记录的 3 条");
        await tablet.Locator("header button.lang").ClickAsync();
        await Expect(tablet.Locator("#repair")).ToContainTextAsync("the 3 records kept will be sent after pairing");
        await tablet.Locator("header button.lang").ClickAsync();
        Assert.Equal(before, await ServerCount(stationId, "water"));

        await tablet.Locator("#pair-code").FillAsync(await PairingCode(stationId));
        await tablet.Locator("#pair-submit").ClickAsync();

        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 20_000 });
        await Expect(tablet.Locator("[data-count='water']")).ToHaveTextAsync((before + 3).ToString());
        await Expect(tablet.Locator("li[data-tap] .state").First).ToHaveTextAsync("已登记");
        Assert.Equal(before + 3, await ServerCount(stationId, "water"));
        // Sent once: a second drain (a reload) adds nothing.
        await tablet.ReloadAsync();
        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-state", "online");
        Assert.Equal(before + 3, await ServerCount(stationId, "water"));
    }

    [Fact]
    public async Task The_pairing_page_shows_the_station_name_to_anyone_and_nothing_else()
    {
        using var reply = await fx.App.Anonymous.GetAsync("/api/public/stations/sample-08/name");
        reply.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await reply.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(["name", "stationId"], body.Select(p => p.Key).Order());
        Assert.Equal(await StationName("sample-08"), (string?)body["name"]);
        using var unknown = await fx.App.Anonymous.GetAsync("/api/public/stations/nowhere/name");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Opening_is_one_large_button_an_open_station_beats_every_minute_and_a_tap_at_a_closed_one_asks_once()
    {
        const string stationId = "sample-09";
        var tablet = await fx.OpenTablet(stationId, serviceWorkers: false, opened: false);
        await tablet.Clock.InstallAsync();
        var calls = new List<string>();
        tablet.Request += (_, request) =>
        {
            if (request.Method == "POST" && System.Text.RegularExpressions.Regex.Match(request.Url, $"/api/stations/{stationId}/(open|close|heartbeat)$") is { Success: true } m)
            {
                lock (calls)
                {
                    calls.Add(m.Groups[1].Value);
                }
            }
        };
        await tablet.ReloadAsync();
        var button = tablet.Locator("#opening");
        await Expect(button).ToHaveTextAsync("开站");
        // Closed or late, as the server says at this hour; never "unknown".
        await Expect(tablet.Locator("#station-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(已闭站|应开未开)"));
        var box = await Size(button);
        Assert.True(box[1] >= 72 && box[0] >= 160, $"the opening button is {box[0]}x{box[1]} px");
        var before = await ServerCount(stationId, "water");

        // A tap at a station that is not open asks whether to open it; yes opens it and records the tap.
        await tablet.Locator("button[data-service='water']").ClickAsync();
        await Expect(tablet.Locator("#ask-open")).ToContainTextAsync("驿站还没有开站。现在开站吗？");
        await tablet.Locator("#ask-open-yes").ClickAsync();
        await Expect(button).ToHaveTextAsync("闭站");
        await Expect(tablet.Locator("#station-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^开放中 · 自 \d\d:\d\d$"));
        await Expect(tablet.Locator("[data-count='water']")).ToHaveTextAsync((before + 1).ToString());
        Assert.Equal("open", (string?)(await fx.App.Http.GetNode($"/api/stations/{stationId}"))["status"]);

        // Open: no more asking, and a heartbeat each minute while the page is up.
        await tablet.Locator("button[data-service='water']").ClickAsync();
        await Expect(tablet.Locator("[data-count='water']")).ToHaveTextAsync((before + 2).ToString());
        await Expect(tablet.Locator("#ask-open")).ToHaveCountAsync(0);
        await tablet.Clock.RunForAsync(61_000);
        await Poll(() => Calls("heartbeat") == 1, "a heartbeat after a minute");
        await tablet.Clock.RunForAsync(60_000);
        await Poll(() => Calls("heartbeat") == 2, "a heartbeat after two minutes");

        // Closing asks once more, then closes; a closed station sends no heartbeat.
        await button.ClickAsync();
        await Expect(button).ToHaveTextAsync("确认闭站？");
        await button.ClickAsync();
        await Expect(button).ToHaveTextAsync("开站");
        await Expect(tablet.Locator("#station-status")).ToHaveTextAsync("已闭站");
        Assert.Equal("closed", (string?)(await fx.App.Http.GetNode($"/api/stations/{stationId}"))["status"]);
        await tablet.Clock.RunForAsync(130_000);
        lock (calls)
        {
            Assert.Equal(["open", "heartbeat", "heartbeat", "close"], calls);
        }

        // Asked once: a tap at the station closed again the same day is recorded without asking.
        await tablet.Locator("button[data-service='water']").ClickAsync();
        await Expect(tablet.Locator("[data-count='water']")).ToHaveTextAsync((before + 3).ToString());
        await Expect(tablet.Locator("#ask-open")).ToHaveCountAsync(0);
        for (var i = 0; i < 100 && await ServerCount(stationId, "water") != before + 3; i++)
        {
            await Task.Delay(100);
        }
        Assert.Equal(before + 3, await ServerCount(stationId, "water"));

        int Calls(string kind)
        {
            lock (calls)
            {
                return calls.Count(c => c == kind);
            }
        }
    }

    /// <summary>Width and height in one look (the page redraws its buttons as the outbox moves).</summary>
    private static Task<double[]> Size(ILocator locator) =>
        locator.EvaluateAsync<double[]>("e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height]");

    private static async Task Poll(Func<bool> done, string what)
    {
        for (var i = 0; i < 100 && !done(); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(done(), $"no {what}");
    }
}
