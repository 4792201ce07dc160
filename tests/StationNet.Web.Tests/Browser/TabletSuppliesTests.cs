using System.Net.Http.Json;
using Microsoft.Playwright;
using StationNet.Tests;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>
/// The tablet's supplies screen in Chromium: a delivery with its expiry date, a count and a discard made offline
/// wait on the device, reach the server exactly once when it is back, and every size stays elder-friendly.
/// The wall shows a small count of supplies to act on beside each station's total.
/// </summary>
public class TabletSuppliesTests(BrowserFixture fx) : BrowserTest(fx), IClassFixture<BrowserFixture>
{
    private async Task Catalog()
    {
        using var put = await fx.App.Http.PutAsJsonAsync("/api/admin/networks/sample/supplies", SupplyChecks.Catalog);
        put.EnsureSuccessStatusCode();
    }

    private static async Task AssertElderFriendly(IPage page, string screen)
    {
        var fails = await page.EvaluateAsync<string[]>(TabletScreensTests.ElderScript);
        Assert.True(fails.Length == 0, $"{screen} at {page.ViewportSize!.Width}x{page.ViewportSize.Height}: {string.Join("; ", fails.Take(12))}");
    }

    [Theory]
    [InlineData("sample-07", 1280, 800, "zh", "物资库存", "待上传", "已记录")]
    [InlineData("sample-09", 390, 844, "en", "Supplies in stock", "waiting to send", "recorded")]
    [InlineData("sample-11", 390, 844, "zh", "物资库存", "待上传", "已记录")]
    [InlineData("sample-15", 1280, 800, "en", "Supplies in stock", "waiting to send", "recorded")]
    public async Task Deliveries_counts_and_discards_made_offline_reach_the_server_once(string stationId, int width, int height, string lang,
        string title, string waiting, string recorded)
    {
        await Catalog();
        var tablet = await fx.OpenTablet(stationId, width, height);
        if (lang == "en")
        {
            await tablet.Locator("header button.lang").ClickAsync();
        }
        await tablet.Locator("#supplies-toggle").ClickAsync();
        await Expect(tablet.Locator("section.supplies h2")).ToHaveTextAsync(title);
        await Expect(tablet.Locator("ul.stock li[data-item='t-firstaid']")).ToBeVisibleAsync();
        await Expect(tablet.Locator("main.tablet")).ToBeHiddenAsync();
        await AssertElderFriendly(tablet, "supplies");

        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var expires = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fx.App.Clock.GetUtcNow(), zone).DateTime).AddDays(10);
        await tablet.Context.SetOfflineAsync(true);
        await Record(tablet, "received", "t-firstaid", "6", expires.ToString("yyyy-MM-dd"));
        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-state", "offline");
        await Expect(tablet.Locator("[data-on-hand='t-firstaid']")).ToHaveTextAsync("6");
        await Record(tablet, "counted", "t-water", "30");
        await Record(tablet, "discarded", "t-firstaid", "1");
        await Expect(tablet.Locator("[data-on-hand='t-firstaid']")).ToHaveTextAsync("5");
        await Expect(tablet.Locator("[data-on-hand='t-water']")).ToHaveTextAsync("30");
        await Expect(tablet.Locator(".supply-recent li[data-state='waiting']")).ToHaveCountAsync(3);
        await Expect(tablet.Locator(".supply-recent li").First).ToContainTextAsync(waiting);
        await AssertElderFriendly(tablet, "supplies offline");

        await tablet.Context.SetOfflineAsync(false);
        await Expect(tablet.Locator("#sync")).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 60_000 });
        await Expect(tablet.Locator(".supply-recent li[data-state='recorded']")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        await Expect(tablet.Locator(".supply-recent li").First).ToContainTextAsync(recorded);
        Assert.Equal(5, await SupplyChecks.OnHand(fx.App.Http, stationId, "t-firstaid"));
        Assert.Equal(30, await SupplyChecks.OnHand(fx.App.Http, stationId, "t-water"));
        // The batch expiring in ten days is shown, with its date, from the server's stock.
        await Expect(tablet.Locator("ul.stock li[data-item='t-firstaid'] .marks")).ToContainTextAsync(lang == "zh" ? $"{expires.Year}年{expires.Month}月{expires.Day}日" : expires.ToString("yyyy-MM-dd"));
        await AssertElderFriendly(tablet, "supplies online");

        // Back to the taps: the service buttons are there again.
        await tablet.Locator("#supplies-toggle").ClickAsync();
        await Expect(tablet.Locator("[data-count='visit']")).ToBeVisibleAsync();
        await tablet.Context.CloseAsync();
    }

    /// <summary>
    /// The demo's mistake: a discard of 9999 with one kit on the shelf. The tablet asks first, in the words of a discard;
    /// "change the number" keeps nothing; a yes records it, and the list's undo (touched twice) takes it back on the
    /// server. A count reads as what was counted, not as units moved.
    /// </summary>
    [Theory]
    [InlineData("sample-13", 1280, 800, "zh", "要报废 9999 个，但登记的库存只有 1 个", "已撤销", "盘点 · 急救包 · 盘点为 5 个")]
    [InlineData("sample-16", 390, 844, "en", "You are discarding 9999 ", "undone", "Count · First-aid kit · counted: 5 个")]
    public async Task A_discard_larger_than_the_stock_asks_first_and_is_undone_from_the_list(string stationId, int width, int height, string lang,
        string question, string undone, string count)
    {
        await Catalog();
        using (var one = await SupplyChecks.Move(fx.App.Http, stationId, new { id = Guid.NewGuid(), item = "t-firstaid", kind = "received", quantity = 1, expiresOn = "2031-01-01" }))
        {
            one.EnsureSuccessStatusCode();
        }
        var tablet = await fx.OpenTablet(stationId, width, height);
        if (lang == "en")
        {
            await tablet.Locator("header button.lang").ClickAsync();
        }
        await tablet.Locator("#supplies-toggle").ClickAsync();
        await Expect(tablet.Locator("[data-on-hand='t-firstaid']")).ToHaveTextAsync("1");

        await Choose(tablet, "discarded", "t-firstaid", "9999");
        await tablet.Locator("#supply-record").ClickAsync();
        await Expect(tablet.Locator(".supply-ask")).ToContainTextAsync(question);
        await AssertElderFriendly(tablet, "asking before a large discard");
        await BrowserFixture.Screenshot(tablet, $"supplies-ask-{lang}-{width}.png");
        await tablet.Locator("#supply-change").ClickAsync();
        await Expect(tablet.Locator(".supply-ask")).ToHaveCountAsync(0);
        await Expect(tablet.Locator(".supply-recent li")).ToHaveCountAsync(0);
        Assert.Equal(1, await SupplyChecks.OnHand(fx.App.Http, stationId, "t-firstaid"));

        await tablet.Locator("#supply-record").ClickAsync();
        await tablet.Locator("#supply-confirm").ClickAsync();
        var line = tablet.Locator(".supply-recent li").First;
        await Expect(line).ToHaveAttributeAsync("data-state", "recorded", new() { Timeout = 30_000 });
        Assert.Equal(-9998, await SupplyChecks.OnHand(fx.App.Http, stationId, "t-firstaid"));
        await Expect(tablet.Locator("ul.stock li[data-item='t-firstaid'] .marks")).ToContainTextAsync(lang == "zh" ? "发放或报废" : "handed out or discarded");

        await line.Locator("button.undo").ClickAsync();
        await AssertElderFriendly(tablet, "confirming the undo of a movement");
        await line.Locator("button.undo").ClickAsync();
        await Expect(line).ToHaveAttributeAsync("data-state", "voided");
        await Expect(line.Locator(".state")).ToHaveTextAsync(undone, new() { Timeout = 30_000 });
        await Expect(tablet.Locator("[data-on-hand='t-firstaid']")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        Assert.Equal(1, await SupplyChecks.OnHand(fx.App.Http, stationId, "t-firstaid"));

        await Choose(tablet, "counted", "t-firstaid", "5");
        await tablet.Locator("#supply-record").ClickAsync();
        await Expect(tablet.Locator(".supply-recent li").First.Locator(".what")).ToHaveTextAsync(count, new() { Timeout = 30_000 });
        await Expect(tablet.Locator(".supply-recent li").First).Not.ToContainTextAsync("×5");
        await AssertElderFriendly(tablet, "a count and an undone discard in the list");
        await BrowserFixture.Screenshot(tablet, $"supplies-undone-{lang}-{width}.png");
        await tablet.Context.CloseAsync();
    }

    /// <summary>
    /// On a phone, item buttons with the sample's long names ("示例·藿香正气水") break only between words: after the
    /// sample mark's dot or at a space, never inside a word, chosen (with its ✓) or not.
    /// </summary>
    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public async Task On_a_phone_item_names_break_only_between_words(string lang)
    {
        object[] sample =
        [
            new { id = "t-water", name = "示例·瓶装水", nameEn = "Bottled water (sample)", unit = "瓶", unitEn = "bottles", expires = true, lowAt = 20, service = "water" },
            new { id = "t-firstaid", name = "示例·急救包", nameEn = "First-aid kit (sample)", unit = "个", unitEn = "kits", expires = true, lowAt = 2 },
            new { id = "t-pack", name = "示例·清凉包", nameEn = "Cooling pack (sample)", unit = "份", expires = false, lowAt = 5, service = "giveaway" },
            new { id = "t-remedy", name = "示例·藿香正气水", nameEn = "Heatstroke remedy (sample)", unit = "盒", expires = true, lowAt = 5 },
        ];
        using (var put = await fx.App.Http.PutAsJsonAsync("/api/admin/networks/sample/supplies", sample))
        {
            put.EnsureSuccessStatusCode();
        }
        try
        {
            var tablet = await fx.OpenTablet("sample-14", 390, 844);
            if (lang == "en")
            {
                await tablet.Locator("header button.lang").ClickAsync();
            }
            await tablet.Locator("#supplies-toggle").ClickAsync();
            await Expect(tablet.Locator(".supply-form button[data-item='t-remedy']")).ToBeVisibleAsync();
            const string Breaks = """
                () => {
                  const fails = [];
                  for (const b of document.querySelectorAll('.supply-form button.choice')) {
                    const text = b.textContent;
                    const range = document.createRange();
                    let lastTop = null, offset = 0;
                    const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
                    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                      for (let i = 0; i < node.length; i++, offset++) {
                        range.setStart(node, i); range.setEnd(node, i + 1);
                        const r = range.getClientRects()[0];
                        if (!r || !node.data[i].trim()) continue;
                        if (lastTop !== null && r.top > lastTop + 4 && !/[·\s]/.test(text[offset - 1])) fails.push(`"${text}" breaks before "${text.slice(offset)}"`);
                        lastTop = r.top;
                      }
                    }
                  }
                  return fails;
                }
                """;
            Assert.Empty(await tablet.EvaluateAsync<string[]>(Breaks));
            await tablet.Locator(".supply-form button[data-item='t-remedy']").ClickAsync();
            await tablet.Locator("button[data-action='received']").ClickAsync();
            Assert.Empty(await tablet.EvaluateAsync<string[]>(Breaks));
            await AssertElderFriendly(tablet, "supplies with the sample's names");
            await tablet.Locator(".supply-form button[data-item='t-remedy']").ScrollIntoViewIfNeededAsync();
            await BrowserFixture.Screenshot(tablet, $"supplies-names-{lang}-390.png");
            await tablet.Context.CloseAsync();
        }
        finally
        {
            await Catalog();
        }
    }

    private static async Task Choose(IPage tablet, string action, string item, string quantity)
    {
        await tablet.Locator($"button[data-action='{action}']").ClickAsync();
        await tablet.Locator($".supply-form button[data-item='{item}']").ClickAsync();
        await tablet.Locator("#supply-quantity").FillAsync(quantity);
    }

    [Fact]
    public async Task A_wall_tile_shows_a_small_supply_count_beside_its_total()
    {
        await Catalog();
        var wall = await fx.OpenWall("sample");
        var flag = wall.Locator("[data-supply-warnings='sample-01']");
        await Expect(flag).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(flag).ToContainTextAsync("物资");
        var total = await wall.Locator("[data-station-total='sample-01']").BoundingBoxAsync();
        var box = await flag.BoundingBoxAsync();
        var status = await wall.Locator("[data-station='sample-01'] .status").BoundingBoxAsync();
        Assert.True(total is not null && box is not null && status is not null);
        Assert.True(box.X >= total.X + total.Width && box.X + box.Width <= status.X, "the supply count sits between the total and the status, overlapping neither");
        await wall.Context.CloseAsync();
    }

    private static async Task Record(IPage tablet, string action, string item, string quantity, string? expiresOn = null)
    {
        await tablet.Locator($"button[data-action='{action}']").ClickAsync();
        await tablet.Locator($".supply-form button[data-item='{item}']").ClickAsync();
        await tablet.Locator("#supply-quantity").FillAsync(quantity);
        if (expiresOn is not null)
        {
            await tablet.Locator("#supply-expires").FillAsync(expiresOn);
        }
        await tablet.Locator("#supply-record").ClickAsync();
        await Expect(tablet.Locator(".supply-message")).ToContainTextAsync("✓");
    }
}
