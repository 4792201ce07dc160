using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>The admin page and the tablet's pairing screen in a real Chromium.</summary>
public class AdminPagesTests(BrowserFixture fx) : BrowserTest(fx), IClassFixture<BrowserFixture>
{
    /// <summary>
    /// In Chinese the names the server made up (a tablet paired without a name, the first administrator) read in
    /// Chinese, and every column of the admin's tables, words all, is aligned left.
    /// </summary>
    [Theory]
    [InlineData("zh", "平板 ", "系统管理员")]
    [InlineData("en", "Tablet ", "Administrator")]
    public async Task Made_up_names_are_in_the_pages_language_and_text_columns_align_left(string lang, string tablet, string administrator)
    {
        using (var issued = await fx.App.Http.PostAsync("/api/admin/stations/sample-06/pairing-codes", null))
        {
            var code = (string)(await issued.ReadNode())["code"]!;
            using var paired = await new HttpClient { BaseAddress = fx.App.BaseAddress }.PostAsJsonAsync("/api/pair", new { code });
            paired.EnsureSuccessStatusCode();
        }
        var admin = await fx.Open("/admin", 1366, 768, lang);
        await BrowserFixture.SignIn(admin);
        var unnamed = admin.Locator("tr[data-device] td:first-child", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^(平板|Tablet) [0-9a-f]{6}$") });
        await Expect(unnamed.First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        foreach (var name in await unnamed.AllInnerTextsAsync())
        {
            Assert.StartsWith(tablet, name);
        }
        await Expect(admin.Locator("tr[data-account='admin'] td").Nth(1)).ToHaveTextAsync(administrator);
        var aligned = await admin.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.page-admin td, .page-admin th')].filter(c => c.offsetParent).map(c => getComputedStyle(c).textAlign)");
        Assert.NotEmpty(aligned);
        Assert.All(aligned, a => Assert.True(a is "left" or "start", $"a cell is aligned {a}"));
        await unnamed.First.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.Screenshot(admin, $"admin-{lang}.png");
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task An_administrator_issues_a_pairing_code_and_a_new_tablet_pairs_with_it()
    {
        var admin = await fx.Open("/admin", 1366, 900);
        await BrowserFixture.SignIn(admin);
        var row = admin.Locator("tr[data-station='sample-14']");
        await row.Locator("button[data-action='pairing-code']").ClickAsync();
        var code = row.Locator("[data-code]");
        await Expect(code).ToHaveAttributeAsync("data-code", new System.Text.RegularExpressions.Regex("^[0-9]{8}$"));
        await Expect(row.Locator(".pairing img")).ToBeVisibleAsync();
        var digits = await code.GetAttributeAsync("data-code");
        await BrowserFixture.Screenshot(admin, "admin.png");

        var tablet = await fx.Open("/station/sample-14", 1280, 800);
        await tablet.Locator("#pair-code").FillAsync(digits!);
        await tablet.Locator("#pair-name").FillAsync("前台平板");
        await tablet.Locator("#pair-submit").ClickAsync();

        var visit = tablet.Locator("[data-count='visit']");
        await Expect(visit).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        var before = int.Parse(await visit.InnerTextAsync());
        await tablet.Locator("button[data-service='visit']").ClickAsync();
        // No one has opened the station yet: the first tap asks whether to open it.
        await tablet.Locator("#ask-open-yes").ClickAsync();
        await Expect(visit).ToHaveTextAsync((before + 1).ToString());
        await Expect(tablet.Locator("#opening")).ToHaveTextAsync("闭站");
        var devices = await fx.App.Http.GetNode("/api/admin/networks/sample/devices");
        Assert.Contains(devices.AsArray(), d => (string?)d!["name"] == "前台平板" && d["lastSeenAt"] is not null);
    }

    [Fact]
    public async Task A_tablet_whose_token_was_revoked_asks_to_be_paired_again()
    {
        var tablet = await fx.OpenTablet("sample-15");
        await Expect(tablet.Locator("[data-count='visit']")).ToBeVisibleAsync();
        var devices = (await fx.App.Http.GetNode("/api/admin/networks/sample/devices")).AsArray();
        foreach (var d in devices.Where(d => (string?)d!["stationId"] == "sample-15"))
        {
            using var revoked = await fx.App.Http.PostAsync($"/api/admin/devices/{d!["id"]}/revoke", null);
            Assert.True(revoked.IsSuccessStatusCode);
        }

        await tablet.ReloadAsync();

        await Expect(tablet.Locator("#pair-code")).ToBeVisibleAsync();
        await Expect(tablet.Locator("#repair")).ToContainTextAsync("此平板需要重新配对");
    }
}
