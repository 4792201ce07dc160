using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using StationNet.Grains.Catalog;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;
using StationNet.Tests;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>The app with two extra networks for the wall's hardest cases: 18 stations with 20-character names, and 500 stations.</summary>
public sealed class WallLayoutFixture : BrowserFixture
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, string> _tokens = [];

    public const string LongNames = "long18";
    public const string Big = "big500";

    /// <summary>The screen link of one of the networks, made (with some traffic) on first use.</summary>
    public async Task<string> Token(string networkId)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_tokens.TryGetValue(networkId, out var token))
            {
                await (networkId == LongNames ? MakeLongNames() : MakeBig());
                _tokens[networkId] = token = (await Sessions.NewScreenLink(App.Http, networkId)).Token;
            }
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<INetworkGrain> Network(string id, string name, string nameEn)
    {
        var network = App.Services.GetRequiredService<IGrainFactory>().GetGrain<INetworkGrain>(id);
        await network.Configure(new NetworkInfo(id, name, nameEn, LocalDay.DefaultTimeZone, ServiceCatalog.All, IsSample: false));
        return network;
    }

    /// <summary>Names of exactly 20 characters, Chinese and Latin, and four-digit counts with every service busy.</summary>
    private async Task MakeLongNames()
    {
        var network = await Network(LongNames, "测试长名称驿站网络", "Long names test network");
        var all = ServiceCatalog.All.Select(s => s.Id).ToList();
        for (var i = 1; i <= 18; i++)
        {
            var name = i % 2 == 1 ? $"测试市长名称环卫工人爱心驿站第{i:00}号分站" : $"Riverside Depot No{i:00}";
            Assert.Equal(20, name.Length);
            await network.SaveStation(new StationInfo($"{LongNames}-{i:00}", LongNames, name, $"测试长名称街道办事处第{i % 5}片区", all,
                i % 3 == 0 ? new OpeningHours("00:00", "00:30") : OpeningHours.AllDay, 10) { Location = new GeoPoint(30.5 + i * 0.01, 114.3 + (i % 4) * 0.02) });
        }
        // Every tile also carries a supply warning (nothing on hand yet, below each item's low mark): the fullest row.
        using (var catalog = await App.Http.PutAsJsonAsync($"/api/admin/networks/{LongNames}/supplies", SupplyChecks.Catalog))
        {
            Assert.True(catalog.IsSuccessStatusCode);
        }
        await Task.WhenAll(Enumerable.Range(1, 18).Select(async i =>
        {
            foreach (var service in all.Take(1 + i % 4))
            {
                for (var k = 0; k < 3; k++)
                {
                    using var r = await App.Http.PostEvent($"{LongNames}-{i:00}", new { id = Guid.NewGuid(), service, quantity = 50, workerGroup = service == "visit" ? "courier" : null });
                    Assert.True(r.IsSuccessStatusCode);
                }
            }
            // Every tile carries the widest satisfaction mark: mean stars and open complaints.
            foreach (var stars in new[] { 1, 4 })
            {
                using var rated = await FeedbackChecks.Rate(App.Anonymous, $"{LongNames}-{i:00}", new { id = Guid.NewGuid(), device = Guid.NewGuid().ToString(), rating = stars });
                Assert.True(rated.IsSuccessStatusCode);
            }
        }));
    }

    private async Task MakeBig()
    {
        var network = await Network(Big, "测试大网络", "Test big network");
        // A few at a time: the network grain takes them one by one, and a long queue on a busy machine would time out.
        await Parallel.ForEachAsync(Enumerable.Range(1, 500), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await network.SaveStation(new StationInfo($"{Big}-{i:000}", Big, $"测试驿站 {i:000}", $"测试街道{i % 23:00}",
                ["visit", "water", "meal", "charging"], OpeningHours.AllDay, 10) { Location = new GeoPoint(30.3 + (i % 25) * 0.02, 114.0 + (i / 25) * 0.03) }));
        for (var i = 1; i <= 40; i++)
        {
            using var r = await App.Http.PostEvent($"{Big}-{i * 7 % 500 + 1:000}", new { id = Guid.NewGuid(), service = "water", quantity = i });
            Assert.True(r.IsSuccessStatusCode);
        }
    }
}

/// <summary>The wall as people see it, at the sizes walls and laptops have, in both languages, small network and large.</summary>
public class WallLayoutTests(WallLayoutFixture fx) : BrowserTest(fx), IClassFixture<WallLayoutFixture>
{
    [Theory]
    [InlineData(1920, 1080, "zh", WallLayoutFixture.LongNames)]
    [InlineData(1920, 1080, "en", WallLayoutFixture.LongNames)]
    [InlineData(3840, 2160, "zh", WallLayoutFixture.LongNames)]
    [InlineData(3840, 2160, "en", WallLayoutFixture.LongNames)]
    [InlineData(1366, 768, "zh", WallLayoutFixture.LongNames)]
    [InlineData(1366, 768, "en", WallLayoutFixture.LongNames)]
    [InlineData(1920, 1080, "zh", WallLayoutFixture.Big)]
    [InlineData(1920, 1080, "en", WallLayoutFixture.Big)]
    [InlineData(3840, 2160, "zh", WallLayoutFixture.Big)]
    [InlineData(3840, 2160, "en", WallLayoutFixture.Big)]
    [InlineData(1366, 768, "zh", WallLayoutFixture.Big)]
    [InlineData(1366, 768, "en", WallLayoutFixture.Big)]
    public async Task Every_text_is_large_whole_and_apart_every_chart_has_drawn_and_the_map_has_every_station(int width, int height, string lang, string networkId)
    {
        var token = await fx.Token(networkId);
        var wall = await fx.Open($"/wall/{networkId}?screen={Uri.EscapeDataString(token)}&rotate=600{(lang == "en" ? "&lang=en" : "")}", width, height);
        await WallLayout.Ready(wall);
        if (networkId == WallLayoutFixture.LongNames)
        {
            // Measured with the fullest tile row: the satisfaction mark and the supply warning both shown.
            await Expect(wall.Locator(".tile:not([hidden]) .mark").First).ToHaveTextAsync(lang == "en" ? "★2.51 complaint" : "★2.5投诉 1");
            await Expect(wall.Locator(".tile:not([hidden]) .supply").First).ToBeVisibleAsync();
        }

        var problems = await WallLayout.Problems(wall);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var stations = networkId == WallLayoutFixture.Big ? 500 : 18;
        await Expect(wall.Locator("#map circle")).ToHaveCountAsync(stations);
        var onPage = await wall.Locator(".tile:not([hidden])").EvaluateAllAsync<string[]>("tiles => tiles.map(t => t.dataset.station)");
        Assert.NotEmpty(onPage);
        foreach (var id in onPage)
        {
            await Expect(wall.Locator($"#map circle[data-station='{id}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("on-page"));
        }
        await Expect(wall.Locator("#totals")).ToContainTextAsync(lang == "en" ? "Served today" : "今日服务人次");
        await Expect(wall.Locator("#open-now")).ToHaveAttributeAsync("data-of", stations.ToString());
        await BrowserFixture.Screenshot(wall, $"wall-{networkId}-{width}x{height}-{lang}.png");
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(3840, 2160)]
    public async Task A_network_of_500_stations_fits_without_scrollbars_and_rotates_its_pages(int width, int height)
    {
        var token = await fx.Token(WallLayoutFixture.Big);
        var wall = await fx.Open($"/wall/{WallLayoutFixture.Big}?screen={Uri.EscapeDataString(token)}&rotate=2", width, height);

        await WallLayout.Ready(wall);
        var pages = int.Parse((await wall.Locator("#pager").GetAttributeAsync("data-pages"))!);
        Assert.True(pages > 1, $"500 stations on {pages} page(s)");
        var first = await Showing(wall);
        Assert.InRange(first.Ids.Length, 6, 499);
        await wall.WaitForFunctionAsync($"() => document.querySelector('#pager').dataset.page !== '{first.Page}'", null, new() { Timeout = 15_000 });
        var second = await Showing(wall);
        Assert.Empty(first.Ids.Intersect(second.Ids));
        var problems = await WallLayout.Problems(wall);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private sealed class Shown
    {
        public string Page { get; set; } = "";

        public string[] Ids { get; set; } = [];
    }

    /// <summary>The page number and its tiles, read at one instant.</summary>
    private static Task<Shown> Showing(Microsoft.Playwright.IPage wall) =>
        wall.EvaluateAsync<Shown>("() => ({ page: document.querySelector('#pager').dataset.page, ids: [...document.querySelectorAll('.tile:not([hidden])')].map(t => t.dataset.station) })");
}
