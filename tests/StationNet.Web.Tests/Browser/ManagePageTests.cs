using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using Microsoft.Playwright;
using StationNet.Grains.Catalog;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>The managers' page as a manager sees it: charts that draw, exports equal to the tables, ranges checked, both languages, small screens.</summary>
public class ManagePageTests(BrowserFixture fx) : BrowserTest(fx), IClassFixture<BrowserFixture>
{
    private DateOnly Today => LocalDay.Of(fx.App.Clock.GetUtcNow(), LocalDay.Zone(LocalDay.DefaultTimeZone));

    /// <summary>Services today and yesterday at a few stations, and a target, so every chart has numbers to draw.</summary>
    private async Task Served()
    {
        var yesterday = fx.App.Clock.GetUtcNow().AddDays(-1);
        foreach (var (station, service, quantity, at) in new[]
        {
            ("sample-02", "visit", 3, (DateTimeOffset?)null), ("sample-03", "water", 2, null), ("sample-04", "meal", 1, null),
            ("sample-02", "visit", 2, yesterday), ("sample-05", "charging", 4, yesterday),
        })
        {
            using var posted = await fx.App.Http.PostEvent(station, new { id = Guid.NewGuid(), service, quantity, occurredAt = at });
            Assert.True(posted.IsSuccessStatusCode, $"{station} {service}: {(int)posted.StatusCode}");
        }
        using var target = await fx.App.Http.PutAsJsonAsync($"/api/admin/networks/sample/targets/{Today.Year}",
            new[] { new { stationId = "sample-02", service = "visit", count = 40 }, new { stationId = "sample-03", service = "water", count = 8 } });
        Assert.True(target.IsSuccessStatusCode);
    }

    private async Task<IPage> Manage(int width = 1366, int height = 768, string lang = "zh")
    {
        var page = await fx.Open("/manage", width, height, lang);
        await BrowserFixture.SignIn(page);
        await Expect(page.Locator("#summary-table tr[data-station]").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        return page;
    }

    private static async Task ShowRange(IPage page, DateOnly from, DateOnly to, bool compare)
    {
        var before = await page.Locator("#report .range").InnerTextAsync();
        await page.Locator("#from").FillAsync(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("#to").FillAsync(to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("#compare").SetCheckedAsync(compare);
        await page.Locator("#show").ClickAsync();
        await Expect(page.Locator("#report .range")).ToHaveTextAsync($"{from:yyyy-MM-dd} — {to:yyyy-MM-dd}");
        await Expect(page.Locator("#show")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task Every_chart_draws_the_numbers_that_exist_for_a_day_and_for_a_range()
    {
        await Served();
        var page = await Manage();

        // One day: today's ranking, the range's ranking and shares, the day by hour (the chart that once drew nothing), stations by hour, targets.
        foreach (var chart in new[] { "chart-today", "chart-ranking", "chart-shares", "chart-trend", "chart-hours", "chart-targets" })
        {
            await Seen.Drawn(page, chart);
        }

        await ShowRange(page, Today.AddDays(-1), Today, compare: true);

        // A range: each day beside last year, stations by hour over both days, and yesterday's silent open hours.
        foreach (var chart in new[] { "chart-trend", "chart-hours", "chart-compliance", "chart-ranking" })
        {
            await Seen.Drawn(page, chart);
        }
        await BrowserFixture.Screenshot(page, "manage.png");
    }

    [Fact]
    public async Task Every_export_downloaded_in_the_browser_holds_the_table_on_the_screen_cell_for_cell()
    {
        await Served();
        var page = await Manage();
        await ShowRange(page, Today.AddDays(-1), Today, compare: true);
        await Expect(page.Locator("#summary-table thead th").Last).ToHaveTextAsync("同比");

        foreach (var (section, table) in new[] { ("#report", "#summary-table"), ("#yearly", "#yearly-table"), ("#targets", "#targets-table"), ("#compliance", "#compliance-table") })
        {
            var screen = await page.EvaluateAsync<string[][]>(Seen.TableText, table);
            Assert.Equal(screen.Select(r => r.Length).Distinct().Single(), screen[0].Length);
            Assert.Equal(screen, await Csv(page, section));
            Assert.Equal(screen, await Xlsx(page, section, expectTitle: "admin"));
        }

        // The same in English, at once after the switch: the table's words and the files' follow the language.
        await page.Locator("button.lang").ClickAsync();
        await Expect(page.Locator("#summary-table thead th").Last).ToHaveTextAsync("Change");
        var english = await page.EvaluateAsync<string[][]>(Seen.TableText, "#summary-table");
        Assert.Equal("Same days last year", english[0][^2]);
        Assert.Equal(english, await Csv(page, "#report"));
        Assert.Equal(english, await Xlsx(page, "#report", expectTitle: "admin"));
    }

    private static async Task<string[][]> Csv(IPage page, string section)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"{section} .exports a[href*='format=csv']").ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        using var parser = new CsvParser(new StringReader(Encoding.UTF8.GetString(bytes[3..])), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (await parser.ReadAsync())
        {
            rows.Add(parser.Record!);
        }
        return [.. rows];
    }

    private static async Task<string[][]> Xlsx(IPage page, string section, string expectTitle)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"{section} .exports a[href*='format=xlsx']").ClickAsync());
        var path = (await download.PathAsync())!;
        var title = MiniExcelLibs.MiniExcel.Query(path, excelType: MiniExcelLibs.ExcelType.XLSX).Cast<IDictionary<string, object>>().Take(3).Select(r => Convert.ToString(r["A"])).ToList();
        Assert.Contains(title, line => line!.Contains(expectTitle, StringComparison.Ordinal)); // who made it
        Assert.Contains(title, line => Regex.IsMatch(line!, @"\d{4}-\d{2}-\d{2} — \d{4}-\d{2}-\d{2}")); // which days
        var rows = MiniExcelLibs.MiniExcel.Query(path, excelType: MiniExcelLibs.ExcelType.XLSX, startCell: "A5").Cast<IDictionary<string, object>>().ToList();
        // Counts are numbers in the workbook, not text that looks like numbers.
        Assert.All(rows.Skip(1), r => Assert.IsNotType<string>(r.Values.ElementAt(1) is string s && s.Length > 0 && char.IsDigit(s[0]) ? s : 0.0));
        return [.. rows.Select(r => r.Values.Select(v => v switch
        {
            null => "",
            double d => d.ToString(CultureInfo.InvariantCulture),
            _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
        }).ToArray())];
    }

    [Fact]
    public async Task A_range_that_ends_before_it_starts_is_refused_on_the_page_with_a_message()
    {
        var page = await Manage();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        var shown = await page.Locator("#report .range").InnerTextAsync();

        await page.Locator("#from").FillAsync(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("#to").FillAsync(Today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("#show").ClickAsync();

        await Expect(page.Locator("#range-message")).ToHaveTextAsync("开始日期不能晚于结束日期");
        await Expect(page.Locator("#report .range")).ToHaveTextAsync(shown); // the table still names the range it holds
        await page.Locator("button.lang").ClickAsync();
        await Expect(page.Locator("#range-message")).ToHaveTextAsync("The start date must not be after the end date");

        await page.Locator("#from").FillAsync(Today.AddYears(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("#to").FillAsync(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("#show").ClickAsync();
        await Expect(page.Locator("#range-message")).ToHaveTextAsync("A range covers at most 366 days");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_report_that_fails_to_load_says_so_instead_of_showing_an_empty_table()
    {
        var page = await fx.Open("/manage", 1366, 768, serviceWorkers: false);
        await page.RouteAsync("**/api/reports/compliance**", r => r.FulfillAsync(new()
        {
            Status = 503, ContentType = "application/problem+json", Body = """{"status":503,"detail":"storage unavailable (存储暂不可用)"}""",
        }));
        await BrowserFixture.SignIn(page);
        await Expect(page.Locator("#compliance .error")).ToHaveTextAsync("加载失败: 存储暂不可用");
        await Expect(page.Locator("#compliance-table")).ToHaveCountAsync(0);
        await Expect(page.Locator("#compliance")).Not.ToContainTextAsync("所有开放时段均有记录");
    }

    [Fact]
    public async Task Every_word_follows_the_language_switch_at_once()
    {
        await Served();
        var page = await Manage();
        // Labels, headings, table headers, buttons, links, notes and filter options: the page's own words, not station names.
        const string words = "() => [...document.querySelectorAll('h1, h2, h3, label, th, button, a, .chart-note, .error, #audit-kind option, #station option:first-child')].map((e) => e.innerText.trim()).filter((t) => t)";
        var chinese = await page.EvaluateAsync<string[]>(words);
        Assert.DoesNotContain(chinese, w => Regex.Replace(w, @"\b(CSV|Excel|English|StationNet)\b", "").Any(char.IsAsciiLetter));
        Assert.Contains("从", chinese);

        await page.Locator("button.lang").ClickAsync();

        await Expect(page.Locator("#compliance h2")).ToHaveTextAsync("Open by its hours, nothing logged");
        var english = await page.EvaluateAsync<string[]>(words);
        var total = english.Where(w => w.Any(c => c >= 0x4E00 && c <= 0x9FFF) && w != "中文").ToList();
        Assert.True(total.Count == 0, "Chinese left on the English page: " + string.Join(" | ", total));
        Assert.Contains("From", english);
        Assert.Contains("Compare with last year", english);
    }

    [Theory]
    [InlineData(1366, 768, "zh")]
    [InlineData(1366, 768, "en")]
    [InlineData(390, 844, "zh")]
    [InlineData(390, 844, "en")]
    public async Task The_page_fits_its_screen_without_sideways_scrolling_overflow_or_overlap(int width, int height, string lang)
    {
        await Served();
        var page = await Manage(width, height, lang);
        await ShowRange(page, Today.AddDays(-1), Today, compare: true);
        await Seen.Drawn(page, "chart-ranking");

        var faults = await page.EvaluateAsync<string[]>(Seen.LayoutFaults);

        Assert.True(faults.Length == 0, $"{width}×{height} {lang}: " + string.Join(" | ", faults));
        await BrowserFixture.Screenshot(page, $"manage-{width}-{lang}.png");
    }

    [Fact]
    public async Task The_admin_page_is_in_one_language_at_a_time()
    {
        var page = await fx.Open("/admin", 1366, 768);
        await BrowserFixture.SignIn(page);
        await Expect(page.Locator("tr[data-station]").First).ToBeVisibleAsync();
        const string words = "() => [...document.querySelectorAll('h1, h2, h3, th, button, label, option')].map((e) => e.innerText.trim()).concat([...document.querySelectorAll('input[placeholder]')].map((e) => e.placeholder)).filter((t) => t)";
        var chinese = await page.EvaluateAsync<string[]>(words);
        var latin = chinese.Where(w => Regex.Replace(w, @"\b(English|ID|StationNet)\b", "").Any(char.IsAsciiLetter) && !w.StartsWith("sample", StringComparison.Ordinal)).ToList();
        Assert.True(latin.Count == 0, "English on the Chinese page: " + string.Join(" | ", latin));

        await page.Locator("button.lang").ClickAsync();
        await Expect(page.Locator("#sign-out")).ToHaveTextAsync("Sign out");
        await Expect(page.Locator("tr[data-station]").First.Locator("button").First).ToHaveTextAsync("Edit");
        var english = await page.EvaluateAsync<string[]>(words);
        var cjk = english.Where(w => w.Any(c => c >= 0x4E00 && c <= 0x9FFF) && w != "中文").ToList();
        Assert.True(cjk.Count == 0, "Chinese on the English page: " + string.Join(" | ", cjk));
    }

    [Fact]
    public async Task Every_button_and_link_of_every_page_reads_at_a_contrast_of_at_least_4_5_and_no_page_misses_its_icon()
    {
        await Served();
        var missing = new List<string>();
        async Task Check(IPage page, string name)
        {
            var ratios = await page.EvaluateAsync<Seen.ContrastOf[]>(Seen.Contrast);
            Assert.NotEmpty(ratios);
            var poor = ratios.Where(r => r.Ratio < 4.5).Select(r => $"{r.Text} {r.Ratio}:1").ToList();
            Assert.True(poor.Count == 0, $"{name}: " + string.Join(" | ", poor));
        }
        void Watch(IPage page) => page.Response += (_, r) =>
        {
            if (r.Status == 404)
            {
                missing.Add(r.Url);
            }
        };

        var manage = await Manage();
        Watch(manage);
        await manage.ReloadAsync();
        await Expect(manage.Locator("#summary-table tr[data-station]").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Check(manage, "/manage");

        var admin = await fx.Open("/admin", 1366, 768);
        Watch(admin);
        await BrowserFixture.SignIn(admin);
        await Expect(admin.Locator("tr[data-station]").First).ToBeVisibleAsync();
        await Check(admin, "/admin");

        var front = await fx.Open("/", 1366, 768);
        Watch(front);
        await front.ReloadAsync();
        await Expect(front.Locator("#username, main a").First).ToBeVisibleAsync();
        if (await front.Locator("#username").IsVisibleAsync())
        {
            await Check(front, "/ before signing in");
            await BrowserFixture.SignIn(front);
        }
        await Expect(front.Locator("main a").First).ToBeVisibleAsync();
        await Check(front, "/");

        var tablet = await fx.OpenTablet("sample-01");
        Watch(tablet);
        await tablet.ReloadAsync();
        await Expect(tablet.Locator("[data-count='visit']")).ToBeVisibleAsync();
        await Check(tablet, "the tablet");

        var pairing = await fx.Open("/station/sample-09", 390, 844);
        Watch(pairing);
        await pairing.ReloadAsync();
        await Expect(pairing.Locator("#pair-code")).ToBeVisibleAsync();
        await Check(pairing, "the pairing page");

        var finder = await fx.Open("/find", 390, 844);
        Watch(finder);
        await finder.ReloadAsync();
        await Expect(finder.Locator("li.network").First).ToBeVisibleAsync();
        await Check(finder, "the finder's list of cities");

        // The page for an address with nothing behind it is itself a 404; what it loads must not be.
        var lost = await fx.Open("/no-such-page", 390, 844);
        lost.Response += (_, r) =>
        {
            if (r.Status == 404 && !r.Url.EndsWith("/no-such-page", StringComparison.Ordinal))
            {
                missing.Add(r.Url);
            }
        };
        await lost.ReloadAsync();
        await Expect(lost.Locator("#not-found h2")).ToBeVisibleAsync();
        await Check(lost, "the not-found page");

        using var icon = await fx.App.Anonymous.GetAsync("/favicon.ico");
        Assert.Equal(System.Net.HttpStatusCode.OK, icon.StatusCode);
        Assert.True(missing.Count == 0, "not found: " + string.Join(" | ", missing));
    }
}
