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

    /// <summary>
    /// The union sets each year's targets per station and service on the admin page, not by hand through the API: typed
    /// numbers are kept, a cleared cell removes its target, a bad number is refused on the page and nothing is sent.
    /// </summary>
    [Theory]
    [InlineData("zh", "sample-02", "年度目标", "已保存", "没有改动", "目标须为 0 到 10,000,000 之间的整数")]
    [InlineData("en", "sample-03", "Yearly targets", "Saved", "Nothing changed", "A target is a whole number from 0 to 10,000,000")]
    public async Task An_administrator_sets_the_years_targets_on_the_page(string lang, string stationId, string title, string saved, string unchanged, string bad)
    {
        var year = fx.App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;
        var admin = await fx.Open("/admin", 1366, 768, lang);
        await BrowserFixture.SignIn(admin);
        var section = admin.Locator("#targets-admin");
        await Expect(section.Locator("h2")).ToHaveTextAsync(title);
        await Expect(admin.Locator("#targets-year")).ToHaveValueAsync(year.ToString());
        var cells = section.Locator($"tr[data-target-station='{stationId}'] input");
        var (first, second) = (await cells.Nth(0).GetAttributeAsync("data-service"), await cells.Nth(1).GetAttributeAsync("data-service"));
        var status = admin.Locator("p.status");

        await cells.Nth(0).FillAsync("1200");
        await cells.Nth(1).FillAsync("300");
        await admin.Locator("#save-targets").ClickAsync();
        await Expect(status).ToHaveTextAsync(saved);
        Assert.Equal(new Dictionary<string, int> { [first!] = 1200, [second!] = 300 }, await Targets(stationId, year));
        await Expect(cells.Nth(0)).ToHaveValueAsync("1200"); // drawn again from the server
        Assert.True(await admin.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth"), "the grid scrolls in its box, not the page");
        await admin.EvaluateAsync("() => document.getElementById('targets-admin').scrollIntoView()");
        await BrowserFixture.Screenshot(admin, $"admin-targets-{lang}.png");

        await cells.Nth(0).FillAsync("-5");
        await cells.Nth(1).FillAsync("");
        await admin.Locator("#save-targets").ClickAsync();
        await Expect(status).ToHaveTextAsync(bad);
        // Said where the eye is, beside the grid four thousand pixels down, not only at the page's top.
        var said = (await status.BoundingBoxAsync())!;
        Assert.True(said.Y >= 0 && said.Y + said.Height <= 768, $"the message stands at {said.Y} px, outside the window");
        await Expect(cells.Nth(0)).ToHaveAttributeAsync("aria-invalid", "");
        Assert.Equal(new Dictionary<string, int> { [first!] = 1200, [second!] = 300 }, await Targets(stationId, year));

        await cells.Nth(0).FillAsync("1500");
        await cells.Nth(0).PressAsync("Enter"); // Enter in a cell saves, as in a form
        await Expect(status).ToHaveTextAsync(saved);
        Assert.Equal(new Dictionary<string, int> { [first!] = 1500 }, await Targets(stationId, year));
        await Expect(cells.Nth(1)).ToHaveValueAsync("");

        await admin.Locator("#save-targets").ClickAsync();
        await Expect(status).ToHaveTextAsync(unchanged);

        // A typed target is not lost to a year switch unasked: declined (Playwright's default), the year and the number stay.
        var yearSel = admin.Locator("#targets-year");
        await cells.Nth(1).FillAsync("777");
        await yearSel.SelectOptionAsync((year + 1).ToString());
        await Expect(yearSel).ToHaveValueAsync(year.ToString());
        await Expect(cells.Nth(1)).ToHaveValueAsync("777");
        admin.Dialog += (_, dialog) => dialog.AcceptAsync();
        await yearSel.SelectOptionAsync((year + 1).ToString());
        await Expect(yearSel).ToHaveValueAsync((year + 1).ToString());
        await Expect(cells.Nth(0)).ToHaveValueAsync(""); // next year has no targets yet
        Assert.Equal(new Dictionary<string, int> { [first!] = 1500 }, await Targets(stationId, year));
    }

    private async Task<Dictionary<string, int>> Targets(string stationId, int year) =>
        (await fx.App.Http.GetNode($"/api/reports/targets?networkId=sample&year={year}")).AsArray()
            .Where(t => (string)t!["stationId"]! == stationId).ToDictionary(t => (string)t!["service"]!, t => (int)t!["target"]!);
}
