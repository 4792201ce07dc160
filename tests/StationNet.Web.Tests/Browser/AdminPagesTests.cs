using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>The admin page and the tablet's pairing screen in a real Chromium.</summary>
public class AdminPagesTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
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
        await Expect(visit).ToHaveTextAsync((before + 1).ToString());
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
        await Expect(tablet.Locator(".form-message")).ToContainTextAsync("重新配对");
    }
}
