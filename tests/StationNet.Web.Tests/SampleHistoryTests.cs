using System.Text.Json.Nodes;
using StationNet.Grains.Catalog;
using StationNet.Grains.Stations;
using StationNet.Silo.Sample;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>
/// A newcomer's first start of the embedded default, in the middle of the night and at noon: the sample
/// network has its past, so the wall's today, month, year and yesterday, the reports and the same days
/// last year all have numbers, and some station is open and serving.
/// </summary>
public class SampleHistoryTests
{
    private static readonly Dictionary<string, string> WithHistory = new() { ["StationNet:SampleHistory"] = "true" };

    [Theory]
    [InlineData(4)]
    [InlineData(12)]
    public async Task A_fresh_demo_has_numbers_for_today_the_month_the_year_and_last_year(int hour)
    {
        var zone = LocalDay.Zone(LocalDay.DefaultTimeZone);
        await using var app = new StationNetApp(clock: ShiftedClock.At(new TimeOnly(hour, 0), LocalDay.DefaultTimeZone), settings: WithHistory);
        await app.InitializeAsync();
        var now = app.Clock.GetUtcNow();
        var today = LocalDay.Of(now, zone);

        var live = await app.Http.GetNode("/api/networks/sample/live");
        Assert.Equal(today.ToString("yyyy-MM-dd"), (string)live["day"]!);
        var todayTotal = Sum(live["totals"]);
        Assert.True(todayTotal > 0, $"nothing counted today by {hour:00}:00");
        // The wall shows the month and year to date: the totals before today plus today's.
        Assert.True(today.Day == 1 || Sum(live["monthBefore"]) > 0, "the month before today is empty");
        Assert.True(today.DayOfYear == 1 || Sum(live["yearBefore"]) > 0, "the year before today is empty");
        Assert.True(Sum(live["yearBefore"]) + todayTotal > Sum(live["monthBefore"]), "the year to date is not more than the month before today");
        Assert.True(live["yesterdayHourly"]!.AsObject().Sum(s => s.Value!.AsArray().Sum(h => h!.GetValue<int>())) > 0, "yesterday (昨日) is empty");

        var daily = (await app.Http.GetNode($"/api/reports/daily?networkId=sample&from={today.AddDays(-364):yyyy-MM-dd}&to={today:yyyy-MM-dd}")).AsArray();
        var days = daily.Where(r => r!["count"]!.GetValue<int>() > 0).Select(r => (string)r!["day"]!).Distinct().Count();
        Assert.True(days >= 300, $"only {days} of the last 365 days have counts");

        var week = await app.Http.GetNode($"/api/reports/summary?networkId=sample&from={today.AddDays(-6):yyyy-MM-dd}&to={today:yyyy-MM-dd}&compare=lastYear");
        Assert.True(week["lastYear"]!["total"]!.GetValue<int>() > 0, "the same days last year (去年同期) are empty");

        // Open by its hours, and serving: a tap in the last two hours.
        var local = TimeOnly.FromDateTime(LocalDay.Local(now, zone));
        var stations = (await app.Http.GetNode("/api/networks/sample"))["stations"]!.AsArray();
        var open = stations.Where(s => new OpeningHours((string)s!["openingHours"]!["opens"]!, (string)s["openingHours"]!["closes"]!).IsOpenAt(local))
            .Select(s => (string)s!["id"]!).ToHashSet();
        Assert.NotEmpty(open);
        var serving = live["stations"]!.AsArray().Where(s => s!["lastEventAt"] is { } last && now - DateTimeOffset.Parse((string)last!) < TimeSpan.FromHours(2))
            .Select(s => (string)s!["stationId"]!).ToList();
        Assert.NotEmpty(serving);
        Assert.All(serving, id => Assert.Contains(id, open));
    }

    /// <summary>
    /// The history carries the stations' opening sessions, so the year's hours kept mean something: known for every station,
    /// high for most, lower for the old town's (often late in the past, and not opened today: late on the wall, nobody served).
    /// </summary>
    [Fact]
    public async Task The_demos_year_has_opening_sessions_and_the_station_never_opened_today_is_late_and_served_nobody()
    {
        await using var app = new StationNetApp(clock: ShiftedClock.At(new TimeOnly(12, 0), LocalDay.DefaultTimeZone), settings: WithHistory);
        await app.InitializeAsync();
        var zone = LocalDay.Zone(LocalDay.DefaultTimeZone);
        var today = LocalDay.Of(app.Clock.GetUtcNow(), zone);

        var rows = (await app.Http.GetNode($"/api/reports/assessment?networkId=sample&year={today.Year}")).AsArray();
        var kept = rows.ToDictionary(r => (string)r!["stationId"]!,
            r => r!["parts"]!.AsArray().Single(p => (string)p!["criterion"]! == "hours")!["value"]?.GetValue<double?>());
        Assert.All(kept, k => Assert.True(k.Value is not null, $"{k.Key}: hours kept unknown"));
        Assert.True(kept.Count(k => k.Value >= 0.9) >= 12, string.Join(", ", kept.Select(k => $"{k.Key} {k.Value}")));
        Assert.True(kept[SampleOpenings.NeverOpens] < kept.Where(k => k.Key != SampleOpenings.NeverOpens).Min(k => k.Value) + 0.05,
            $"the often-late station keeps {kept[SampleOpenings.NeverOpens]}");
        // Yesterday, by the compliance report: a station open by day kept its hours (it was opened, not just due).
        var yesterday = (await app.Http.GetNode($"/api/reports/compliance?networkId=sample&from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}")).AsArray();
        Assert.True(yesterday.Count(r => (int?)r!["openedHours"] > 0) >= 14);

        var never = await app.Http.GetNode($"/api/stations/{SampleOpenings.NeverOpens}");
        Assert.Equal("late", (string)never["status"]!);
        var live = await app.Http.GetNode("/api/networks/sample/live");
        var tile = live["stations"]!.AsArray().Single(s => (string)s!["stationId"]! == SampleOpenings.NeverOpens)!;
        Assert.Equal(0, Sum(tile["counts"]));
        // The others are open by their sessions of today from the history, as the wall says.
        var openByHistory = live["stations"]!.AsArray().Where(s => (string?)s!["status"] is "open" or "open-silent").Count();
        Assert.True(openByHistory >= 12, $"only {openByHistory} stations open at noon");
    }

    private static int Sum(JsonNode? counts) => counts?.AsObject().Sum(c => c.Value!.GetValue<int>()) ?? 0;
}
