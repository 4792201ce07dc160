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
    [ModuleInitializer]
    internal static void Set() => Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
}
