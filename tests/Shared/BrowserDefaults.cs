using System.Runtime.CompilerServices;

namespace StationNet.Tests;

/// <summary>
/// How long a page assertion waits for what a person would see, unless the test says otherwise: 15 s, not
/// Playwright's 5. CI runs the suites side by side on two cores, each test class with its own silo and Chromium;
/// there a page that answers in a tenth of a second on its own took over 5 s to draw its first table. Tests that
/// assert how soon something shows (a tap on the wall) keep their own, shorter timeout.
/// </summary>
internal static class BrowserDefaults
{
    /// <summary>
    /// Debian's Chromium, headless, as the machine's notes say to start it, and with its shared memory in /tmp rather
    /// than /dev/shm: in a container /dev/shm is often 64 MB, and a few browsers side by side drawing 4K walls fill it,
    /// after which pages stop receiving from the network. CI once saw a wall in each of its two test processes stop
    /// hearing its server at the same second; a full /dev/shm is a cause that fits (this machine's is 24 GB).
    /// </summary>
    public static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    [ModuleInitializer]
    internal static void Set() => Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
}
