using System.Net.Http.Json;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using StationNet.Tests;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>The public finder on a phone (390×844) in Chromium: distance order from a mocked position, filters, map links, offline.</summary>
public class FinderTests(BrowserFixture fx) : BrowserTest(fx), IClassFixture<BrowserFixture>
{
    /// <summary>An unknown network shows only a clear message: no controls, no empty list.</summary>
    [Theory]
    [InlineData("zh", "没有这个驿站网络", "请检查链接")]
    [InlineData("en", "No such station network", "Check the link")]
    public async Task An_unknown_network_says_so_instead_of_the_list(string lang, string title, string how)
    {
        var page = await fx.Open("/find/no-such-network", 390, 844, lang);
        await Expect(page.Locator("#not-found h2")).ToHaveTextAsync(title);
        await Expect(page.Locator("#not-found p")).ToContainTextAsync(how);
        await Expect(page.Locator("#not-found")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(page.Locator("main.find select, main.find input, main.find li")).ToHaveCountAsync(0);
        // Not a dead end: the cities are one tap away.
        await Expect(page.Locator("#all-cities")).ToHaveAttributeAsync("href", "/find");
        await Expect(page.Locator("#all-cities")).ToHaveTextAsync(lang == "zh" ? "查看所有城市" : "See all cities");
        Assert.Empty(await page.EvaluateAsync<string[]>(Seen.LayoutFaults));
        await BrowserFixture.Screenshot(page, $"find-unknown-{lang}.png");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The front door's link for workers is /find, with no network: the cities that have stations, to choose from,
    /// sample ones marked; once there is one real city, the link opens its stations at once.
    /// </summary>
    [Theory]
    [InlineData("zh", "请选择您所在的城市", "示例", "个驿站")]
    [InlineData("en", "Choose your city", "Sample", "stations")]
    public async Task From_the_front_door_a_worker_chooses_a_city_and_sees_its_stations(string lang, string choose, string tag, string stations)
    {
        var networks = (await fx.App.Anonymous.GetNode("/api/public/networks")).AsArray().Select(n => n!).ToList();
        Assert.NotEmpty(networks);
        Assert.All(networks, n => Assert.True((bool)n["isSample"]!, "the fixture has sample networks only"));

        var page = await fx.Open("/", 390, 844, lang);
        await page.Locator("#find-link").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/find$"));
        await Expect(page.Locator("#choose")).ToHaveTextAsync(choose);
        await Expect(page.Locator("li.network")).ToHaveCountAsync(networks.Count);
        foreach (var n in networks)
        {
            var choice = page.Locator($"li.network[data-network='{n["id"]}']");
            await Expect(choice.Locator(".name")).ToContainTextAsync(lang == "zh" ? (string)n["name"]! : (string)n["nameEn"]!);
            await Expect(choice.Locator(".tag")).ToHaveTextAsync(tag);
            await Expect(choice.Locator(".meta")).ToContainTextAsync($"{(int)n["stations"]!} {stations}");
        }
        await Expect(page.Locator("#notice")).ToContainTextAsync(lang == "zh" ? "示例" : "Sample");
        await AssertFitsAPhone(page);
        Assert.Empty(await page.EvaluateAsync<string[]>(Seen.LayoutFaults));
        await BrowserFixture.Screenshot(page, $"find-choose-{lang}.png");

        await page.Locator("li.network[data-network='sample'] a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/find/sample$"));
        await Expect(page.Locator("li.station")).ToHaveCountAsync((await fx.App.Anonymous.GetNode("/api/public/networks/sample/stations")).AsArray().Count);
        // The page says which city it shows, with the way to another.
        var sample = networks.Single(n => (string)n["id"]! == "sample");
        await Expect(page.Locator("#city strong")).ToHaveTextAsync(lang == "zh" ? (string)sample["name"]! : (string)sample["nameEn"]!);
        await Expect(page.Locator("#other-city")).ToHaveAttributeAsync("href", "/find");
        await Expect(page.Locator("#other-city")).ToBeInViewportAsync();
    }

    [Fact]
    public async Task With_one_real_city_the_finder_opens_it_and_a_network_without_stations_is_not_offered()
    {
        // A province above, with no stations of its own, and one city with a station.
        using (var province = await fx.App.Http.PostAsJsonAsync("/api/admin/networks", new { id = "finder-province", name = "测试省", nameEn = "Test Province" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, province.StatusCode);
        }
        using (var city = await fx.App.Http.PostAsJsonAsync("/api/admin/networks", new { id = "finder-city", name = "测试市", nameEn = "Test City", parentId = "finder-province" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, city.StatusCode);
        }
        using (var station = await fx.App.Http.PostAsJsonAsync("/api/admin/networks/finder-city/stations", new
        {
            id = "finder-city-1", name = "测试市第一驿站", township = "测试街道", services = new[] { "visit" },
            openingHours = new { opens = "00:00", closes = "24:00" }, seats = 2,
        }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, station.StatusCode);
        }
        var networks = (await fx.App.Anonymous.GetNode("/api/public/networks")).AsArray().Select(n => n!).ToList();
        var first = networks[0];
        Assert.Equal("finder-city", (string)first["id"]!); // real networks before sample ones
        Assert.Equal("测试省", (string?)first["parentName"]);
        Assert.Equal(1, (int)first["stations"]!);
        Assert.DoesNotContain(networks, n => (string)n["id"]! == "finder-province");

        try
        {
            var page = await fx.Open("/find", 390, 844);

            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/find/finder-city$"));
            await Expect(page.Locator("li.station[data-station='finder-city-1'] h2")).ToHaveTextAsync("测试市第一驿站");
        }
        finally
        {
            // The class's other tests see the sample cities only: retired, the station takes its city off the list.
            using var retired = await fx.App.Http.PostAsync("/api/admin/stations/finder-city-1/retire", null);
            Assert.Equal(System.Net.HttpStatusCode.OK, retired.StatusCode);
        }
        Assert.DoesNotContain((await fx.App.Anonymous.GetNode("/api/public/networks")).AsArray(), n => (string)n!["id"]! == "finder-city");
    }

    [Fact]
    public async Task Stations_sort_by_distance_from_the_phone_open_ones_first_and_link_to_maps_in_gcj02()
    {
        var nodes = (await fx.App.Anonymous.GetNode("/api/public/networks/sample/stations")).AsArray().Select(s => s!).ToList();
        var near = nodes.Single(s => (string)s["id"]! == "sample-09")["location"]!;
        var here = ((double)near["lat"]! + 0.0004, (double)near["lng"]! - 0.0003);
        double From(JsonNode s) => Haversine(here, ((double)s["location"]!["lat"]!, (double)s["location"]!["lng"]!));
        // The farthest station opens: a worker needs a door that opens, so it leads the list, the nearest closed ones after it.
        var farthest = (string)nodes.MaxBy(From)!["id"]!;
        await OpeningChecks.Post(fx.App.Http, farthest, "open");
        try
        {
            var stations = (await fx.App.Anonymous.GetNode("/api/public/networks/sample/stations")).AsArray().Select(s => s!).ToList();
            var page = await Phone(here);

            await page.Locator("#locate").ClickAsync();

            await Expect(page.Locator("#notice")).ToContainTextAsync("开放中的在前，再按距离排序");
            var expected = stations.OrderByDescending(s => (bool)s["openNow"]!).ThenBy(From).Select(s => (string)s["id"]!).ToList();
            var shown = await page.Locator("li.station").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.station)");
            Assert.Equal(expected, shown);
            Assert.Equal(farthest, shown[0]);
            Assert.Equal("sample-09", shown.First(id => !(bool)stations.Single(s => (string)s["id"]! == id)["openNow"]!));
            await Expect(page.Locator("li.station[data-station='sample-09'] .distance")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ 米$"));
            await Expect(page.Locator("li.station").First.Locator(".status")).ToHaveTextAsync("开放中");
            await CheckMapLinks(page, stations);
            await AssertFitsAPhone(page);
            await BrowserFixture.Screenshot(page, "find-phone.png");
        }
        finally
        {
            await OpeningChecks.Post(fx.App.Http, farthest, "close");
        }
    }

    [Theory]
    [InlineData("zh", "本页未获准使用位置", "开放中的在前，按名称排序")]
    [InlineData("en", "This page may not use your position", "open ones first, then by name")]
    public async Task A_position_refused_says_how_to_allow_it_and_the_list_stays_in_name_order(string lang, string refused, string order)
    {
        var page = await Phone(null, lang);
        await Expect(page.Locator("li.station")).ToHaveCountAsync(18);
        var before = await page.Locator("li.station").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.station)");

        await page.Locator("#locate").ClickAsync();

        await Expect(page.Locator("#notice")).ToContainTextAsync(refused);
        await Expect(page.Locator("#notice")).ToContainTextAsync(order);
        Assert.Equal(before, await page.Locator("li.station").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.station)"));
        Assert.Equal(0, await page.Locator("li.station .distance").CountAsync());
        await AssertFitsAPhone(page);
        await BrowserFixture.Screenshot(page, $"find-phone-refused-{lang}.png");
    }

    private static async Task CheckMapLinks(IPage page, List<JsonNode> stations)
    {
        foreach (var s in stations)
        {
            var (lat, lng) = ((double)s["location"]!["lat"]!, (double)s["location"]!["lng"]!);
            var (gLat, gLng) = Gcj02.From(lat, lng);
            Assert.True(Math.Abs(gLat - lat) > 1e-4 && Math.Abs(gLng - lng) > 1e-4, "inside China the maps' coordinates differ from GPS");
            var card = page.Locator($"li.station[data-station='{s["id"]}']");
            var amap = new Uri(await card.Locator("a.amap").GetAttributeAsync("href") ?? "");
            var baidu = new Uri(await card.Locator("a.baidu").GetAttributeAsync("href") ?? "");
            Assert.Equal("uri.amap.com", amap.Host);
            Assert.StartsWith($"to={F6(gLng)},{F6(gLat)},", amap.Query.TrimStart('?'));
            Assert.Contains("coordinate=gaode", amap.Query);
            Assert.Equal("api.map.baidu.com", baidu.Host);
            Assert.StartsWith($"location={F6(gLat)},{F6(gLng)}&", baidu.Query.TrimStart('?'));
            Assert.Contains("coord_type=gcj02", baidu.Query);
        }
    }

    [Fact]
    public async Task Open_now_and_service_filters_narrow_the_list_and_english_is_one_tap_away()
    {
        var page = await Phone(null);
        await Expect(page.Locator("li.station")).ToHaveCountAsync(18);
        // Nothing open yet (no test here leaves a station open but this one, below): the empty list offers the way back.
        Assert.DoesNotContain((await fx.App.Anonymous.GetNode("/api/public/networks/sample/stations")).AsArray(), s => (bool)s!["openNow"]!);
        await page.Locator("#open-only").CheckAsync();
        await Expect(page.Locator("li.empty")).ToContainTextAsync("没有符合条件的驿站");
        await page.Locator("#show-all").ClickAsync();
        await Expect(page.Locator("li.station")).ToHaveCountAsync(18);
        await Expect(page.Locator("#open-only")).Not.ToBeCheckedAsync();
        await OpeningChecks.Post(fx.App.Http, "sample-01", "open");
        await OpeningChecks.Post(fx.App.Http, "sample-04", "open");
        await page.ReloadAsync();
        await Expect(page.Locator("li.station")).ToHaveCountAsync(18);
        await Expect(page.Locator("li.station[data-station='sample-01'] .status")).ToHaveTextAsync("开放中");

        await page.Locator("#open-only").CheckAsync();
        await Expect(page.Locator("li.station")).ToHaveCountAsync(2);
        await page.Locator("#service").SelectOptionAsync("haircut");
        var ids = await page.Locator("li.station").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.station)");
        Assert.Equal(["sample-01", "sample-04"], ids.Order());
        await page.Locator("#open-only").UncheckAsync();
        var withHaircut = await page.Locator("li.station").CountAsync();
        Assert.Equal(await page.Locator("li.station:has(li[data-service='haircut'])").CountAsync(), withHaircut);
        Assert.True(withHaircut is > 2 and < 18);

        await page.Locator("button.lang").ClickAsync();
        await Expect(page.Locator("#locate")).ToHaveTextAsync("Sort by distance from me");
        await Expect(page.Locator("li.station[data-station='sample-01'] .status")).ToHaveTextAsync("Open now");
        await AssertFitsAPhone(page);
    }

    [Theory]
    [InlineData("zh", "zh-CN", "离线：显示的是上次获取的信息", "截至 ")]
    [InlineData("en", "en", "Offline: showing what was fetched at", "As of ")]
    public async Task With_no_network_the_page_opens_from_the_service_worker_with_the_last_list_and_its_time(string lang, string htmlLang, string notice, string asOf)
    {
        var page = await Phone(null, lang);
        await Expect(page.Locator("li.station")).ToHaveCountAsync(18);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", htmlLang);
        await ControlledByTheServiceWorker(page);

        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();

        await Expect(page.Locator("li.station")).ToHaveCountAsync(18);
        await Expect(page.Locator("#notice")).ToContainTextAsync(notice);
        // Every status is marked as the one last known, with its time, never shown as if live.
        await Expect(page.Locator("li.station .status[data-stale='true']")).ToHaveCountAsync(18);
        await Expect(page.Locator("li.station .status.is-open")).ToHaveCountAsync(0);
        await Expect(page.Locator("li.station .status").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{asOf}\\d\\d:\\d\\d[：:] ?\\S"));
        // The longer badge never squeezes a station's name into a column: it goes under the name instead.
        var narrowest = await page.Locator("li.station h2").EvaluateAllAsync<double>("names => Math.min(...names.map(n => n.getBoundingClientRect().width))");
        Assert.True(narrowest >= 160, $"a station name is {narrowest} px wide");
        Assert.Empty(await page.EvaluateAsync<string[]>(Seen.LayoutFaults));
        // A demo stays marked as one offline (the last answer of /api/about is kept).
        await Expect(page.Locator(".page-head .banner")).ToBeVisibleAsync();
        await BrowserFixture.Screenshot(page, $"find-offline-{lang}.png");

        // Back online, the page fetches by itself: the notice and the stale marks go.
        await page.Context.SetOfflineAsync(false);
        await Expect(page.Locator("li.station .status[data-stale='true']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#notice")).Not.ToContainTextAsync(notice);
    }

    [Fact]
    public async Task With_no_network_and_no_list_of_cities_kept_the_chooser_opens_the_city_this_phone_kept()
    {
        var page = await Phone(null);
        await Expect(page.Locator("li.station")).ToHaveCountAsync(18);
        await ControlledByTheServiceWorker(page);
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('stationnet.find:networks')"));

        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync("/find");

        // Not a dead end: the one city kept here opens, from its copy, marked offline.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/find/sample$"));
        await Expect(page.Locator("li.station")).ToHaveCountAsync(18);
        await Expect(page.Locator("#notice")).ToContainTextAsync("离线：显示的是上次获取的信息");
    }

    [Fact]
    public async Task With_no_network_the_list_of_cities_is_the_last_one_fetched_and_says_when()
    {
        var page = await fx.Open("/find", 390, 844);
        await Expect(page.Locator("li.network")).ToHaveCountAsync(3);
        await ControlledByTheServiceWorker(page);

        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();

        await Expect(page.Locator("li.network")).ToHaveCountAsync(3);
        await Expect(page.Locator("#notice")).ToContainTextAsync("离线：显示的是上次获取的信息");
        await Expect(page.Locator("#notice")).ToContainTextAsync("示例");
        Assert.Empty(await page.EvaluateAsync<string[]>(Seen.LayoutFaults));
    }

    [Fact]
    public async Task The_tablets_worker_on_the_same_phone_leaves_the_finders_offline_copy_alone()
    {
        var page = await Phone(null);
        await Expect(page.Locator("li.station")).ToHaveCountAsync(18);
        await ControlledByTheServiceWorker(page);

        // An attendant's phone opens its station page too: that page's worker installs and activates.
        var tablet = await page.Context.NewPageAsync();
        await tablet.GotoAsync("/station/sample-01");
        await tablet.EvaluateAsync("() => navigator.serviceWorker.ready");
        var caches = await page.EvaluateAsync<string[]>("() => caches.keys()");
        Assert.Contains(caches, c => c.StartsWith("stationnet-find-", StringComparison.Ordinal));
        Assert.Contains(caches, c => c.StartsWith("stationnet-shell-", StringComparison.Ordinal));

        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Expect(page.Locator("li.station")).ToHaveCountAsync(18);
    }

    /// <summary>A phone: 390×844, the position (if any) shared with this site only.</summary>
    /// <summary>At night a closed door says when its hours open it next, by the network's clock; a 24-hour one needs no such line.</summary>
    [Theory]
    [InlineData("zh", 5, 0, "未开放", "今天 06:30 开门", "24 小时开放")]
    [InlineData("en", 21, 40, "Closed now", "opens 06:30 tomorrow", "Open 24 hours")]
    public async Task A_station_closed_by_its_hours_says_when_they_open_it_next(string lang, int hour, int minute, string closed, string next, string allDay)
    {
        var zone = StationNet.Grains.Catalog.LocalDay.DefaultTimeZone;
        fx.App.Clock.MoveTo(new TimeOnly(hour, minute), zone);
        try
        {
            var page = await Phone(null, lang, at: fx.App.Clock.GetUtcNow());
            var card = page.Locator("li.station[data-station='sample-09']"); // hours 06:30–21:30
            await Expect(card.Locator(".status")).ToHaveTextAsync(closed);
            await Expect(card.Locator(".hours")).ToContainTextAsync(next);
            await Expect(page.Locator("li.station[data-station='sample-02'] .hours")).ToHaveTextAsync(allDay);
            await AssertFitsAPhone(page);
            await card.ScrollIntoViewIfNeededAsync();
            await BrowserFixture.Screenshot(page, $"find-night-{lang}.png");
        }
        finally
        {
            fx.App.Clock.MoveTo(new TimeOnly(12, 0), zone);
        }
    }

    /// <summary>Waits until the finder's service worker controls the page, so a reload offline comes from it.</summary>
    private static async Task ControlledByTheServiceWorker(IPage page)
    {
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        for (var i = 0; i < 50 && !await page.EvaluateAsync<bool>("() => !!navigator.serviceWorker.controller"); i++)
        {
            await Task.Delay(100);
        }
    }

    private async Task<IPage> Phone((double Lat, double Lng)? here, string lang = "zh", DateTimeOffset? at = null)
    {
        var context = await fx.NewContext(new()
        {
            BaseURL = fx.App.BaseAddress.ToString(),
            ViewportSize = new() { Width = 390, Height = 844 },
            Geolocation = here is { } p ? new Geolocation { Latitude = (float)p.Lat, Longitude = (float)p.Lng } : null,
            Permissions = here is null ? [] : ["geolocation"],
        });
        if (lang == "en")
        {
            await context.AddInitScriptAsync("localStorage.setItem('stationnet.lang', 'en')");
        }
        var page = await context.NewPageAsync();
        if (at is { } time)
        {
            await page.Clock.InstallAsync(new() { TimeDate = time.UtcDateTime }); // the phone's clock with the server's
        }
        await page.GotoAsync("/find/sample");
        return page;
    }

    private static async Task AssertFitsAPhone(IPage page)
    {
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
        var smallest = await page.EvaluateAsync<double>("""
            () => Math.min(...[...document.querySelectorAll('main p, main h2, main a, main button, main label, main select, .station li')]
              .filter(e => e.offsetParent && e.textContent.trim()).map(e => parseFloat(getComputedStyle(e).fontSize)))
            """);
        Assert.True(smallest >= 16, $"every text is at least 16 px for older eyes (smallest {smallest})");
        var targets = await page.EvaluateAsync<double>("() => Math.min(...[...document.querySelectorAll('#locate, a.go, select#service')].map(e => e.getBoundingClientRect().height))");
        Assert.True(targets >= 60, $"buttons and links are at least 60 px tall ({targets})");
    }

    private static string F6(double v) => v.ToString("F6", CultureInfo.InvariantCulture);

    /// <summary>Metres between two WGS-84 points; float precision of the mocked position is far below the gaps between stations.</summary>
    private static double Haversine((double Lat, double Lng) a, (double Lat, double Lng) b)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var h = Math.Pow(Math.Sin(Rad(b.Lat - a.Lat) / 2), 2) + Math.Cos(Rad(a.Lat)) * Math.Cos(Rad(b.Lat)) * Math.Pow(Math.Sin(Rad(b.Lng - a.Lng) / 2), 2);
        return 2 * 6371008.8 * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>The reference WGS-84 → GCJ-02 conversion (eviltransform), written here in C# to check the page's TypeScript.</summary>
    private static class Gcj02
    {
        private const double A = 6378245.0;
        private const double Ee = 0.00669342162296594323;

        public static (double Lat, double Lng) From(double lat, double lng)
        {
            if (lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271)
            {
                return (lat, lng);
            }
            var dLat = Lat(lng - 105.0, lat - 35.0);
            var dLng = Lng(lng - 105.0, lat - 35.0);
            var radLat = lat / 180.0 * Math.PI;
            var magic = 1 - Ee * Math.Sin(radLat) * Math.Sin(radLat);
            var sqrtMagic = Math.Sqrt(magic);
            dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
            dLng = dLng * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
            return (lat + dLat, lng + dLng);
        }

        private static double Lat(double x, double y) =>
            -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x))
            + (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0
            + (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0
            + (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320.0 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;

        private static double Lng(double x, double y) =>
            300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x))
            + (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0
            + (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0
            + (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
    }
}
