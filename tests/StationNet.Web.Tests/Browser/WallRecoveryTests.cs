using StationNet.Tests;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>The sample wall of the embedded default, left running while its server restarts.</summary>
public class WallRecoveryTests(BrowserFixture fx) : BrowserTest(fx), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_sample_walls_link_survives_a_restart_and_the_wall_recovers_by_itself()
    {
        var firstRun = Path.Combine(Path.GetTempPath(), $"stationnet-first-run-{Guid.NewGuid():N}.txt");
        var port = Ports.Free();
        var settings = new Dictionary<string, string> { ["StationNet:FirstRunFile"] = firstRun };
        try
        {
            string link;
            var first = new StationNetApp(settings: settings, port: port);
            await first.InitializeAsync();
            link = await SampleWallLink(firstRun);
            var wall = await fx.Open(link, 1920, 1080, through: first.BaseAddress);
            await Expect(wall.Locator("[data-station-total='sample-01']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await ((IAsyncLifetime)first).DisposeAsync();

            await Expect(wall.Locator("#lost")).ToBeVisibleAsync(new() { Timeout = 40_000 });
            await Expect(wall.Locator("#lost")).ToHaveAttributeAsync("data-reason", "lost");

            var second = new StationNetApp(settings: settings, port: port);
            await second.InitializeAsync();
            try
            {
                Assert.Equal(link, await SampleWallLink(firstRun)); // the same token, not a new one
                using (var posted = await second.Http.PostEvent("sample-01", new { id = Guid.NewGuid(), service = "visit", quantity = 7 }))
                {
                    Assert.True(posted.IsSuccessStatusCode);
                }
                // Within 30 s of the server being back (the wall's longest back-off), plus a margin for a loaded machine.
                await Expect(wall.Locator("#lost")).ToBeHiddenAsync(new() { Timeout = 45_000 });
                await Expect(wall.Locator("[data-station-total='sample-01']")).ToHaveTextAsync("7");
            }
            finally
            {
                await ((IAsyncLifetime)second).DisposeAsync();
            }
        }
        finally
        {
            File.Delete(firstRun);
        }
    }

    /// <summary>The path and query of the last sample wall link in the first-run file, once it is there.</summary>
    private static async Task<string> SampleWallLink(string firstRun)
    {
        for (var i = 0; i < 100; i++)
        {
            var line = File.Exists(firstRun) ? File.ReadLines(firstRun).LastOrDefault(l => l.Contains("Sample wall screen link", StringComparison.Ordinal)) : null;
            if (line is not null)
            {
                var url = new Uri(line[(line.IndexOf("http", StringComparison.Ordinal))..].Trim());
                return url.PathAndQuery;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"No sample wall link in {firstRun}");
    }
}
