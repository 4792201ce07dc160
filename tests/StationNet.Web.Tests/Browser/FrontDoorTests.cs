using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>The front door and the pages behind a sign-in say what they are, in Chinese and English, before anyone signs in.</summary>
public class FrontDoorTests(BrowserFixture fx) : BrowserTest(fx), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Signed_out_the_front_door_says_what_this_is_and_for_whom_with_a_sign_in_link()
    {
        var home = await fx.Open("/", 1366, 768);
        await Expect(home.Locator("#intro")).ToContainTextAsync("工会驿站");
        await Expect(home).ToHaveTitleAsync("StationNet 工会驿站");
        await FindNowOnTheFirstScreen(home, "找附近开放的驿站", 768);
        await Expect(home.Locator("#intro")).ToContainTextAsync("户外劳动者");
        await Expect(home.Locator("#sign-in-link")).ToBeVisibleAsync();
        Assert.Equal(0, await home.Locator("#username").CountAsync());
        await Expect(home.Locator("[data-door]")).ToHaveCountAsync(5);
        // The workers themselves come first: the finder, and rating by the QR code at a station.
        await Expect(home.Locator("[data-door]").First).ToHaveAttributeAsync("data-door", "worker");
        await Expect(home.Locator("#find-link")).ToHaveAttributeAsync("href", "/find");
        await Expect(home.Locator("[data-door='worker']")).ToContainTextAsync("二维码");
        await Expect(home.Locator("#tablet-link")).ToHaveAttributeAsync("href", "/station");
        await Expect(home.Locator("#manage-link")).ToHaveAttributeAsync("href", "/manage");
        await Expect(home.Locator("#admin-link")).ToHaveAttributeAsync("href", "/admin");
        Assert.Equal(0, await home.Locator("#wall-link").CountAsync());
        await NoSidewaysScrollNorOverlap(home);

        await home.Locator("button.lang").ClickAsync();
        await Expect(home.Locator("#intro")).ToContainTextAsync("outdoor workers");
        await Expect(home).ToHaveTitleAsync("StationNet worker stations"); // the tab too, not only the page
        await FindNowOnTheFirstScreen(home, "Find an open station near you", 768);
        await Expect(home.Locator("[data-door='manage'] h3")).ToHaveTextAsync("Managers");
        await Expect(home.Locator("#find-link")).ToHaveTextAsync("Find a station");
        await Expect(home.Locator(".page-head .banner")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Demo mode")); // switched with the page

        await home.Locator("#sign-in-link").ClickAsync();
        await Expect(home.Locator("form.login h2")).ToHaveTextAsync("Sign in");
        await BrowserFixture.SignIn(home);
        await Expect(home.Locator("#wall-link")).ToHaveAttributeAsync("href", "/wall/sample");
        var sample = home.Locator("[data-network='sample'] h3");
        await Expect(sample).ToHaveTextAsync("Sample City Union Stations (Sample data)");
        await Expect(home.Locator("#intro")).ToContainTextAsync("outdoor workers");
        await BrowserFixture.Screenshot(home, "home.png");
    }

    [Fact]
    public async Task The_sample_network_is_called_sample_once_and_the_phone_needs_no_sideways_scrolling()
    {
        var phone = await fx.Open("/", 390, 844);
        await Expect(phone.Locator("#intro")).ToBeVisibleAsync();
        await NoSidewaysScrollNorOverlap(phone);
        // A worker on a phone finds the way to the finder in the first screen, in either language.
        await FindNowOnTheFirstScreen(phone, "找附近开放的驿站", 844);
        await phone.Locator("button.lang").ClickAsync();
        await FindNowOnTheFirstScreen(phone, "Find an open station near you", 844);
        await phone.Locator("button.lang").ClickAsync();
        await phone.Locator("#sign-in-link").ClickAsync();
        await BrowserFixture.SignIn(phone);
        var title = await phone.Locator("[data-network='sample'] h3").TextContentAsync();
        Assert.Equal("示例市总工会驿站网络（示例数据）", title);
        await NoSidewaysScrollNorOverlap(phone);
    }

    [Theory]
    [InlineData("/manage", "统计报表：", "Reports:")]
    [InlineData("/admin", "系统管理：", "Administration:")]
    public async Task A_page_behind_a_sign_in_says_what_it_is_above_its_form(string path, string chinese, string english)
    {
        var page = await fx.Open(path, 1366, 768);
        var about = page.Locator("#login-about");
        await Expect(about).ToContainTextAsync(chinese);
        await Expect(page).ToHaveTitleAsync(chinese.TrimEnd('：'));
        var aboutBox = (await about.BoundingBoxAsync())!;
        var formBox = (await page.Locator("form.login").BoundingBoxAsync())!;
        Assert.True(aboutBox.Y + aboutBox.Height <= formBox.Y, "the words stand above the form");

        await page.Locator("button.lang").ClickAsync();
        await Expect(about).ToContainTextAsync(english);
        await Expect(page).ToHaveTitleAsync(english.TrimEnd(':'));
        await Expect(page.Locator("form.login h2")).ToHaveTextAsync("Sign in");
    }

    /// <summary>A mistyped or stale address in a browser: a 404 page in the reader's language with the ways in, not an API error.</summary>
    [Theory]
    [InlineData("zh", 390, 844, "该页面不存在", "找附近的驿站")]
    [InlineData("en", 1366, 768, "This page does not exist", "Find a station near you")]
    public async Task An_address_with_nothing_behind_it_says_so_and_offers_the_ways_in(string lang, int width, int height, string missing, string find)
    {
        var page = await fx.Open("/", width, height, lang);
        var response = await page.GotoAsync("/stations-old-link?from=poster");

        Assert.Equal(404, response!.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"]);
        await Expect(page.Locator("#not-found h2")).ToHaveTextAsync(missing);
        await Expect(page.Locator("#not-found code")).ToHaveTextAsync("/stations-old-link");
        Assert.Equal(["/", "/find", "/station", "/manage"], await page.Locator(".ways a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"));
        Assert.Empty(await page.EvaluateAsync<string[]>(Seen.LayoutFaults));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth"), "no sideways scrolling");
        await BrowserFixture.Screenshot(page, $"not-found-{lang}-{width}.png");

        var way = page.Locator(".ways a[data-way='find']");
        await Expect(way).ToHaveTextAsync(find);
        await way.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/find$"));
        await Expect(page.Locator("li.network").First).ToBeVisibleAsync();
    }

    private static async Task FindNowOnTheFirstScreen(IPage page, string words, int screenHeight)
    {
        var findNow = page.Locator("#find-now");
        await Expect(findNow).ToHaveTextAsync(words);
        await Expect(findNow).ToHaveAttributeAsync("href", "/find");
        var box = (await findNow.BoundingBoxAsync())!;
        Assert.True(box.Y + box.Height <= screenHeight && box.Height >= 48, $"{words}: the finder's link at {box.Y}+{box.Height} px on a {screenHeight} px screen");
    }

    private static async Task NoSidewaysScrollNorOverlap(IPage page)
    {
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth"), "no sideways scrolling");
        var boxes = new List<LocatorBoundingBoxResult>();
        foreach (var door in await page.Locator("[data-door]").AllAsync())
        {
            boxes.Add((await door.BoundingBoxAsync())!);
        }
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                var apart = a.X + a.Width <= b.X || b.X + b.Width <= a.X || a.Y + a.Height <= b.Y || b.Y + b.Height <= a.Y;
                Assert.True(apart, $"doors {i} and {j} overlap");
            }
        }
    }
}
