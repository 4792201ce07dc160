using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StationNet.Tests;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>The wall behind a load balancer that drops WebSockets: it reconnects or falls back, and resyncs.</summary>
[Trait("Category", "Reliability")]
public class BalancerTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task When_the_balancer_cuts_every_connection_the_wall_reconnects_and_shows_what_it_missed()
    {
        await using var balancer = new TcpProxy(fx.App.BaseAddress);
        var wall = await fx.OpenWall("sample", through: balancer.Address);
        var tile = wall.Locator("[data-station-total='sample-11']");
        await Expect(tile).ToHaveTextAsync(new Regex(@"^\d+$"));
        var before = int.Parse(await tile.InnerTextAsync());

        for (var cut = 1; cut <= 3; cut++)
        {
            Assert.True(balancer.DropAll() > 0, "the wall had no connection through the balancer");
            using var posted = await fx.App.Http.PostEvent("sample-11", new { id = Guid.NewGuid(), service = "water", quantity = 1 });
            Assert.True(posted.IsSuccessStatusCode);
            await Expect(tile).ToHaveTextAsync((before + cut).ToString(), new() { Timeout = 30_000 });
        }
        await Expect(wall.Locator("#lost")).ToBeHiddenAsync(new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Behind_a_balancer_without_websockets_the_wall_falls_back_and_stays_live()
    {
        await using var balancer = new TcpProxy(fx.App.BaseAddress) { RefuseWebSockets = true };
        var wall = await fx.OpenWall("sample", through: balancer.Address);
        var tile = wall.Locator("[data-station-total='sample-12']");
        await Expect(tile).ToHaveTextAsync(new Regex(@"^\d+$"));
        var before = int.Parse(await tile.InnerTextAsync());

        using var posted = await fx.App.Http.PostEvent("sample-12", new { id = Guid.NewGuid(), service = "charging", quantity = 2 });
        Assert.True(posted.IsSuccessStatusCode);
        await Expect(tile).ToHaveTextAsync((before + 2).ToString(), new() { Timeout = 15_000 });
        Assert.True(balancer.Refused > 0, "the wall never tried a WebSocket, so nothing fell back");
        await Expect(wall.Locator("#lost")).ToBeHiddenAsync();
    }
}
