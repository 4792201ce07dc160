using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using StationNet.Tests;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>
/// Text that people type (station names, townships, tablet names, attendants) is shown as text on the wall,
/// the manager page and the admin page: markup in it is never run.
/// </summary>
[Trait("Category", "Reliability")]
public class InjectionTests(BrowserFixture fx) : BrowserTest(fx), IClassFixture<BrowserFixture>
{
    private const string StationName = "<img src=x onerror=\"window.__xss='station'\">驿站";
    private const string Township = "<script>window.__xss='township'</script>";
    private const string TabletName = "<svg onload=\"window.__xss='tablet'\">";
    private const string Attendant = "\"><iframe src=javascript:top.__xss=1>";

    [Fact]
    public async Task Markup_in_names_shows_as_text_on_the_wall_the_manager_page_and_the_admin_page_and_never_runs()
    {
        using (var added = await fx.App.Http.PostAsJsonAsync("/api/admin/networks/sample/stations", new
        {
            id = "xss-1", name = StationName, township = Township, services = new[] { "visit" },
            openingHours = new { opens = "00:00", closes = "24:00" },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }
        var token = await Sessions.PairTablet(fx.App.Http, "xss-1", TabletName);
        using var tablet = Sessions.WithToken(fx.App.BaseAddress, token);
        var id = Guid.NewGuid();
        using (var posted = await tablet.PostEvent("xss-1", new { id, service = "visit", attendant = Attendant }))
        {
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        var wall = await Watched(await fx.OpenWall("sample"));
        await Expect(wall.Locator("article[data-station='xss-1']")).ToContainTextAsync(StationName);
        await Expect(wall.Locator("#ticker li").First).ToContainTextAsync(StationName);
        await NothingRan(wall);

        var manage = await Watched(await fx.Open("/manage", 1366, 900));
        await BrowserFixture.SignIn(manage);
        await Expect(manage.Locator($"tr[data-audit='{id}']")).ToContainTextAsync(Attendant);
        await Expect(manage.Locator("tr[data-station='xss-1']").First).ToContainTextAsync(StationName);
        await NothingRan(manage);

        var admin = await Watched(await fx.Open("/admin", 1366, 900));
        await BrowserFixture.SignIn(admin);
        await Expect(admin.Locator("tr[data-station='xss-1']")).ToContainTextAsync(StationName);
        await Expect(admin.Locator("tr[data-station='xss-1']")).ToContainTextAsync(Township);
        await Expect(admin.Locator("tr[data-device]", new() { HasTextString = TabletName })).ToHaveCountAsync(1);
        await NothingRan(admin);
    }

    /// <summary>Any dialog a script opens fails the test; so does any element the markup would have made.</summary>
    private static Task<IPage> Watched(IPage page)
    {
        page.Dialog += (_, dialog) => throw new Xunit.Sdk.XunitException($"a script opened a dialog: {dialog.Message}");
        return Task.FromResult(page);
    }

    private static async Task NothingRan(IPage page)
    {
        Assert.Null(await page.EvaluateAsync<string?>("() => window.__xss ?? null"));
        Assert.Equal(0, await page.Locator("img[src='x'], svg[onload], iframe, script:not([src])").CountAsync());
    }
}
