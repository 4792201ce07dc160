using System.Net;
using StationNet.Grains.Feedback;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>An app of its own: the checks move its clock a day ahead and back.</summary>
public sealed class FeedbackAppFixture() : StationNetApp();

/// <summary>Workers' ratings on the embedded default (FeedbackStorageTests runs the same on PostgreSQL, and inspects the table).</summary>
public class FeedbackTests(FeedbackAppFixture app) : IClassFixture<FeedbackAppFixture>
{
    [Fact]
    public Task A_browser_rates_a_station_once_a_day_and_a_resend_is_a_duplicate() =>
        FeedbackChecks.RatingsAreKeptOncePerBrowserStationAndDay(app, Guid.NewGuid().ToString());

    [Fact]
    public async Task A_complaint_is_followed_up_with_its_history_and_satisfaction_follows()
    {
        using var manager = await FeedbackChecks.Manager(app);
        await FeedbackChecks.FollowUpKeepsHistoryAndSatisfactionFollows(app, manager);
    }

    [Fact]
    public async Task A_comment_that_looks_like_a_formula_stays_text_in_the_csv_export()
    {
        using var phone = FeedbackChecks.Phone(app);
        const string comment = "=HYPERLINK(\"http://evil.example\",\"点我\")";
        using (var rated = await FeedbackChecks.Rate(phone, "sample-14", new { id = Guid.NewGuid(), device = Guid.NewGuid().ToString(), rating = 2, comment }))
        {
            Assert.Equal(HttpStatusCode.Created, rated.StatusCode);
        }
        var csv = await app.Http.GetStringAsync("/api/reports/feedback?networkId=sample&stationId=sample-14&format=csv");
        Assert.Contains("'=HYPERLINK", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);
        Assert.DoesNotContain("\"=HYPERLINK", csv);
    }

    [Fact]
    public async Task A_station_with_no_rating_has_no_mean_rather_than_zero()
    {
        var none = await FeedbackChecks.Satisfaction(app.Http, "sample-12");
        Assert.Equal(new FeedbackChecks.Satisfied(0, null, null, 0), none);
    }
}

/// <summary>Unit rules of ratings: the day hash and the follow-up steps.</summary>
public class FeedbackRulesTests
{
    [Fact]
    public void The_day_hash_is_the_same_within_a_day_and_unrelated_across_days_and_stations()
    {
        var device = Guid.NewGuid().ToString();
        var day = new DateOnly(2026, 5, 1);
        var today = FeedbackRules.DeviceDay(device, "s1", day);
        Assert.Equal(today, FeedbackRules.DeviceDay(device, "s1", day));
        Assert.NotEqual(today, FeedbackRules.DeviceDay(device, "s1", day.AddDays(1)));
        Assert.NotEqual(today, FeedbackRules.DeviceDay(device, "s2", day));
        Assert.Equal(FeedbackLimits.DeviceDay, today.Length);
        Assert.DoesNotContain(device.Replace("-", ""), today);
    }

    [Fact]
    public void Resolving_a_complaint_counts_the_days_it_took_and_reopening_takes_it_back()
    {
        var item = new FeedbackItem(Guid.NewGuid(), "n", "s", new DateOnly(2026, 3, 1), DateTimeOffset.UnixEpoch, 2, [], null, FeedbackCatalog.New, null, []);
        var resolve = FeedbackRules.Step(item, FeedbackCatalog.Resolved, new DateOnly(2026, 3, 4));
        Assert.Equal(new FollowUpStep(-1, null, 3, new DateOnly(2026, 3, 4)), resolve);
        var resolved = item with { Status = FeedbackCatalog.Resolved, ResolvedOn = resolve.ResolvedOn };
        Assert.Equal(new FollowUpStep(1, 3, null, null), FeedbackRules.Step(resolved, FeedbackCatalog.InProgress, new DateOnly(2026, 3, 9)));
        Assert.Equal(new FollowUpStep(0, null, null, new DateOnly(2026, 3, 4)), FeedbackRules.Step(resolved, FeedbackCatalog.Resolved, new DateOnly(2026, 3, 9)));
        var praise = item with { Rating = 5 };
        Assert.Equal(new FollowUpStep(0, null, null, null), FeedbackRules.Step(praise, FeedbackCatalog.Dismissed, new DateOnly(2026, 3, 4)));
    }
}

public sealed class FeedbackPerAddressApp() : StationNetApp(settings: new Dictionary<string, string> { ["StationNet:RateLimits:FeedbackPerIpPerMinute"] = "3" });

public sealed class FeedbackPerStationApp() : StationNetApp(settings: new Dictionary<string, string> { ["StationNet:RateLimits:FeedbackPerStationPerMinute"] = "3" });

/// <summary>Floods of ratings are refused per address and per station, with 429 and Retry-After; the finder's other pages are not spent.</summary>
[Trait("Category", "Reliability")]
public class FeedbackPerAddressLimitTests(FeedbackPerAddressApp app) : IClassFixture<FeedbackPerAddressApp>
{
    [Fact]
    public async Task One_address_may_send_only_a_few_ratings_a_minute_whatever_the_station()
    {
        using var phone = FeedbackChecks.Phone(app);
        var statuses = new List<HttpStatusCode>();
        foreach (var station in new[] { "sample-01", "sample-02", "sample-03", "sample-04" })
        {
            using var r = await FeedbackChecks.Rate(phone, station, new { id = Guid.NewGuid(), device = Guid.NewGuid().ToString(), rating = 4 });
            statuses.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero);
                await Problem.Assert4xx(r, HttpStatusCode.TooManyRequests);
            }
        }
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        using var finder = await phone.GetAsync("/api/public/networks/sample/stations");
        Assert.Equal(HttpStatusCode.OK, finder.StatusCode);
        Assert.Equal(3, (await app.Http.GetNode("/api/reports/feedback?networkId=sample")).AsArray().Count);
    }
}

[Trait("Category", "Reliability")]
public class FeedbackPerStationLimitTests(FeedbackPerStationApp app) : IClassFixture<FeedbackPerStationApp>
{
    [Fact]
    public async Task One_station_takes_only_a_few_ratings_a_minute_and_the_others_still_take_theirs()
    {
        using var phone = FeedbackChecks.Phone(app);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var r = await FeedbackChecks.Rate(phone, "sample-06", new { id = Guid.NewGuid(), device = Guid.NewGuid().ToString(), rating = 1 });
            statuses.Add(r.StatusCode);
        }
        using var other = await FeedbackChecks.Rate(phone, "sample-07", new { id = Guid.NewGuid(), device = Guid.NewGuid().ToString(), rating = 5 });

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }
}
