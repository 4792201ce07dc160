using System.Net;
using Microsoft.Playwright;
using StationNet.Tests;
using static Microsoft.Playwright.Assertions;

namespace StationNet.Web.Tests.Browser;

/// <summary>
/// Ratings where people read them: the manager page lists them (complaints first) and answers them in place with the history
/// kept; the wall's tile carries the station's satisfaction mark. A comment with markup is shown as text and never runs.
/// </summary>
public class FeedbackPagesTests(BrowserFixture fx) : BrowserTest(fx), IClassFixture<BrowserFixture>
{
    private const string Comment = "<img src=x onerror=\"window.__xss='comment'\">八点半<b>还没</b>开门";

    [Fact]
    public async Task A_manager_reads_a_complaint_as_text_and_answers_it_and_the_wall_marks_the_station()
    {
        var complaint = Guid.NewGuid();
        using (var r = await FeedbackChecks.Rate(fx.App.Anonymous, "sample-10", new { id = complaint, device = Guid.NewGuid().ToString(), rating = 1, tags = new[] { "not-open" }, comment = Comment }))
        {
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }
        using (var r = await FeedbackChecks.Rate(fx.App.Anonymous, "sample-10", new { id = Guid.NewGuid(), device = Guid.NewGuid().ToString(), rating = 4 }))
        {
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }

        var manage = await Watched(await fx.Open("/manage", 1366, 768));
        await BrowserFixture.SignIn(manage);
        var item = manage.Locator($"#feedback li[data-feedback='{complaint}']");
        await Expect(item.Locator(".comment")).ToHaveTextAsync(Comment);
        await Expect(item.Locator(".tags")).ToHaveTextAsync("未开门");
        await Expect(manage.Locator("#feedback-list > li").First).ToHaveAttributeAsync("data-feedback", complaint.ToString());
        await Expect(manage.Locator("tr[data-satisfaction='sample-10']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("示例.*2\\s*2\\.5\\s*50%\\s*1"));
        await NothingRan(manage);
        // The year's assessment explains itself: satisfaction measured, and supplies from the stock kept since the sample's
        // first delivery: sample-10 has kept everything in stock and in date; a station holding kits past their date has not.
        var assessed = manage.Locator("#assessment tr[data-assessment='sample-10']");
        await Expect(assessed).ToContainTextAsync("2.5★");
        // The complaint made minutes ago is still inside its window: pending, not a failure, and said so.
        await Expect(assessed.Locator("td").Nth(6)).ToHaveTextAsync("100% · 15/151 件尚在处理期");
        await Expect(manage.Locator("#assessment th").Last).ToHaveTextAsync("物资不断供、无过期");
        var report = (await fx.App.Http.GetNode($"/api/reports/assessment?networkId=sample&year={DateTime.UtcNow.AddHours(8).Year}")).AsArray();
        var supplies = report.ToDictionary(r => (string)r!["stationId"]!, r => r!["parts"]!.AsArray().Single(p => (string)p!["criterion"]! == "supplies")!);
        var days = (int)supplies["sample-10"]["counts"]!["days"]!;
        await Expect(assessed.Locator("td").Last).ToHaveTextAsync($"100% · 15/15{days} 天中缺货 0 天、过期 0 天");
        var (expiredId, expired) = supplies.First(s => (int)s.Value["counts"]!["expiredDays"]! > 0);
        await Expect(manage.Locator($"#assessment tr[data-assessment='{expiredId}'] td").Last).ToHaveTextAsync(
            $"{Math.Round((double)expired["value"]! * 100)}% · {(double)expired["points"]!}/15{days} 天中缺货 {(int)expired["counts"]!["outDays"]!} 天、过期 {days} 天");

        await item.Locator(".follow-up select").SelectOptionAsync("in-progress");
        await item.Locator(".follow-up input").FillAsync("已联系站长 <i>核实</i>");
        await item.Locator(".follow-up button").ClickAsync();
        await Expect(item.Locator(".badge")).ToHaveTextAsync("处理中");
        await Expect(item.Locator(".history li")).ToContainTextAsync("admin · 处理中 — 已联系站长 <i>核实</i>");
        var kept = (await fx.App.Http.GetNode("/api/reports/feedback?networkId=sample&stationId=sample-10")).AsArray().Single(i => (Guid)i!["id"]! == complaint)!;
        Assert.Equal("in-progress", (string)kept["status"]!);
        // Resolving it: the open complaints in the table above drop at once, with no reload.
        await Expect(manage.Locator("tr[data-satisfaction='sample-10'] td").Last).ToHaveTextAsync("1");
        await item.Locator(".follow-up select").SelectOptionAsync("resolved");
        await item.Locator(".follow-up button").ClickAsync();
        await Expect(item.Locator(".badge")).ToHaveTextAsync("已解决");
        await Expect(manage.Locator("tr[data-satisfaction='sample-10'] td").Last).ToHaveTextAsync("0");
        await Expect(manage.Locator("tr[data-satisfaction='sample-10']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("示例.*2\\s*2\\.5\\s*50%\\s*0"));
        // The worker says it is not fixed: back in progress, and open again in the table.
        await item.Locator(".follow-up select").SelectOptionAsync("in-progress");
        await item.Locator(".follow-up button").ClickAsync();
        await Expect(item.Locator(".badge")).ToHaveTextAsync("处理中");
        await Expect(manage.Locator("tr[data-satisfaction='sample-10'] td").Last).ToHaveTextAsync("1");
        Assert.Empty(await manage.EvaluateAsync<string[]>(Seen.LayoutFaults));
        await manage.Locator("#feedback").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.Screenshot(manage, "manage-feedback-1366-zh.png");
        await manage.EvaluateAsync("() => document.getElementById('assessment').scrollIntoView()");
        await BrowserFixture.Screenshot(manage, "manage-assessment-1366-zh.png");
        Assert.Empty(await manage.EvaluateAsync<string[]>(Seen.LayoutFaults));
        Assert.True(await manage.EvaluateAsync<bool>("() => { const s = document.querySelector('#assessment .scroll'); return s.scrollWidth <= s.clientWidth; }"),
            "the assessment table is wider than its card at 1366 px");

        await manage.Locator("button.lang").ClickAsync();
        await Expect(item.Locator(".badge")).ToHaveTextAsync("In progress");
        await Expect(item.Locator(".comment")).ToHaveTextAsync(Comment);
        await Expect(manage.Locator("#feedback h2")).ToHaveTextAsync("Workers' ratings and satisfaction (last 90 days)");
        Assert.Empty(await manage.EvaluateAsync<string[]>(Seen.LayoutFaults));
        await manage.Locator("#feedback").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.Screenshot(manage, "manage-feedback-1366-en.png");
        await Expect(manage.Locator("#assessment th").Last).ToHaveTextAsync("Supplies never out, nothing expired");
        await Expect(assessed.Locator("td").Last).ToHaveTextAsync($"100% · 15/15out 0, expired 0 of {days} day{(days == 1 ? "" : "s")}");
        await manage.EvaluateAsync("() => document.getElementById('assessment').scrollIntoView()");
        await BrowserFixture.Screenshot(manage, "manage-assessment-1366-en.png");
        Assert.Empty(await manage.EvaluateAsync<string[]>(Seen.LayoutFaults));
        Assert.True(await manage.EvaluateAsync<bool>("() => { const s = document.querySelector('#assessment .scroll'); return s.scrollWidth <= s.clientWidth; }"),
            "the assessment table is wider than its card at 1366 px");
        await NothingRan(manage);

        var admin = await fx.Open("/admin", 1366, 768);
        await BrowserFixture.SignIn(admin);
        await Expect(admin.Locator("tr[data-station='sample-10'] a[data-action='poster']")).ToHaveAttributeAsync("href", "/api/admin/stations/sample-10/poster");
        await Expect(admin.Locator("tr[data-station='sample-10'] a[data-action='poster']")).ToHaveTextAsync("评价海报");

        var wall = await fx.OpenWall("sample");
        await Expect(wall.Locator(".tile[data-station='sample-10'] .mark")).ToHaveTextAsync("★2.5投诉 1");
        await Expect(wall.Locator(".tile[data-station='sample-01'] .mark")).ToBeHiddenAsync(); // no rating: no number
        await NothingRan(wall);
    }

    private static Task<IPage> Watched(IPage page)
    {
        page.Dialog += (_, dialog) => throw new Xunit.Sdk.XunitException($"a script opened a dialog: {dialog.Message}");
        return Task.FromResult(page);
    }

    private static async Task NothingRan(IPage page)
    {
        Assert.Null(await page.EvaluateAsync<string?>("() => window.__xss ?? null"));
        Assert.Equal(0, await page.Locator("img[src='x'], #feedback b:has-text('还没'), #feedback i").CountAsync());
    }
}
