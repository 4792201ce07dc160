using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>The Orleans dashboard in a real Chromium: it renders for an administrator under StationNet's security headers.</summary>
public class DashboardTests(BrowserFixture fx) : BrowserTest(fx), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_administrator_sees_the_orleans_dashboard_with_the_clusters_silos()
    {
        var page = await fx.Open("/admin", 1366, 900);
        var blocked = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                blocked.Add(m.Text);
            }
        };
        await BrowserFixture.SignIn(page);
        await Expect(page.Locator("tr[data-station]").First).ToBeVisibleAsync();

        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                blocked.Add($"{r.Status} {r.Url}");
            }
        };
        blocked.Clear(); // the admin page's own 401 before signing in is not the dashboard's
        await page.GotoAsync("/dashboard/");
        await Expect(page.Locator("body")).ToContainTextAsync("Silo", new() { Timeout = 15_000 });
        await BrowserFixture.Screenshot(page, "dashboard.png");
        Assert.True(blocked.Count == 0, "the browser reported errors: " + string.Join(" | ", blocked.Select(b => b.Length > 160 ? b[..160] : b)));
    }
}
