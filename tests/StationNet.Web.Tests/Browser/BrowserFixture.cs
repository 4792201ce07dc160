using Microsoft.Playwright;

namespace StationNet.Web.Tests.Browser;

/// <summary>The app plus Debian's headless Chromium, driven by Playwright (no browser download).</summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFixture() : this(new StationNet.Tests.StationNetApp())
    {
    }

    protected BrowserFixture(StationNet.Tests.StationNetApp app) => App = app;

    public StationNet.Tests.StationNetApp App { get; }

    /// <summary>Tablet tokens by station, paired once per fixture.</summary>
    private readonly Dictionary<string, string> _tablets = [];

    public IBrowser Browser { get; private set; } = null!;

    private IPlaywright? _playwright;

    /// <summary>The browser contexts the running tests opened; closed when each test ends (<see cref="BrowserTest"/>).</summary>
    private readonly List<IBrowserContext> _contexts = [];

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = StationNet.Tests.BrowserDefaults.ChromiumArgs,
        });
    }

    /// <param name="serviceWorkers">false for tests that intercept requests: a service worker's own fetches pass the page's routes by.</param>
    public async Task<IPage> Open(string path, int width, int height, string lang = "zh", string? initScript = null, Uri? through = null, bool serviceWorkers = true)
    {
        var context = await NewContext(new()
        {
            BaseURL = (through ?? App.BaseAddress).ToString(),
            ViewportSize = new() { Width = width, Height = height },
            ServiceWorkers = serviceWorkers ? ServiceWorkerPolicy.Allow : ServiceWorkerPolicy.Block,
        });
        var page = await context.NewPageAsync();
        if (lang == "en")
        {
            await context.AddInitScriptAsync("localStorage.setItem('stationnet.lang', 'en')");
        }
        if (initScript is not null)
        {
            await context.AddInitScriptAsync(initScript);
        }
        await page.GotoAsync(path);
        return page;
    }

    /// <summary>A browser context for the running test (every page a test opens is in one), closed when the test ends.</summary>
    public async Task<IBrowserContext> NewContext(BrowserNewContextOptions options)
    {
        var context = await Browser.NewContextAsync(options);
        lock (_contexts)
        {
            _contexts.Add(context);
        }
        return context;
    }

    /// <summary>
    /// Closes every page the finished test left open. A wall left open keeps drawing its charts and clock and keeps its
    /// hub connection, for as long as the class's other tests run: on CI's two cores that was CPU the next tests lacked.
    /// </summary>
    public async Task CloseContexts()
    {
        IBrowserContext[] open;
        lock (_contexts)
        {
            open = [.. _contexts];
            _contexts.Clear();
        }
        foreach (var context in open)
        {
            await context.CloseAsync();
        }
    }

    /// <summary>The station's page on a tablet that was paired before.</summary>
    /// <param name="opened">The attendant opened the station first (开站), as at the start of a shift; a tap at a station
    /// that is not open asks whether to open it.</param>
    public async Task<IPage> OpenTablet(string stationId, int width = 1280, int height = 800, bool serviceWorkers = true, bool opened = true)
    {
        if (!_tablets.TryGetValue(stationId, out var token))
        {
            _tablets[stationId] = token = await StationNet.Tests.Sessions.PairTablet(App.Http, stationId);
        }
        if (opened)
        {
            using var tablet = StationNet.Tests.Sessions.WithToken(App.BaseAddress, token);
            using var open = await tablet.PostAsync($"/api/stations/{stationId}/open", null);
            open.EnsureSuccessStatusCode();
        }
        return await Open($"/station/{stationId}", width, height, initScript: $"localStorage.setItem('stationnet.tablet.{stationId}', '{token}')", serviceWorkers: serviceWorkers);
    }

    /// <summary>The network's wall through a screen link; <paramref name="through"/> puts a proxy in between.</summary>
    public Task<IPage> OpenWall(string networkId, int width = 1920, int height = 1080, Uri? through = null) =>
        Open($"/wall/{networkId}?screen={Uri.EscapeDataString(App.ScreenToken)}", width, height, through: through);

    /// <summary>Signs in through the page's own form.</summary>
    public static async Task SignIn(IPage page)
    {
        await page.Locator("#username").FillAsync("admin");
        await page.Locator("#password").FillAsync(StationNet.Tests.Sessions.AdminPassword);
        await page.Locator("#sign-in").ClickAsync();
    }

    /// <summary>When STATIONNET_SCREENSHOTS names a folder, pages are saved there for the docs.</summary>
    public static async Task Screenshot(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("STATIONNET_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name) });
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A browser test: the pages it opened are closed when it ends, pass or fail.</summary>
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.CloseContexts();
}
