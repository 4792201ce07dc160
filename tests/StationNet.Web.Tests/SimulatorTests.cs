using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StationNet.Grains.Catalog;
using StationNet.Silo.Sample;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>
/// The demo as the README starts it: the simulator drives every sample city's tablets. At noon, whenever the tests run
/// (at night the sample's day stations are closed, and the one kept shut is not yet late), and busier than the shipped
/// rate, so the open stations' taps come within seconds rather than by a Poisson draw's luck.
/// </summary>
public sealed class SimulatorApp() : StationNetApp(clock: ShiftedClock.At(new TimeOnly(12, 0), LocalDay.DefaultTimeZone), settings: new Dictionary<string, string>
{
    ["StationNet:Simulator:Enabled"] = "true",
    ["StationNet:Simulator:PeakPerStationHour"] = "600",
    // The shipped allowance for sign-ins and pairings from one address, not the tests' unlimited one.
    ["StationNet:RateLimits:SignInPerIpPerMinute"] = "30",
});

public class SimulatorTests(SimulatorApp app) : IClassFixture<SimulatorApp>
{
    [Fact]
    public async Task The_simulators_tablets_pair_without_using_up_the_sign_in_allowance_of_a_person_on_the_same_machine()
    {
        // Every sample city's stations get their simulated tablet (40 of them; more than the 30 sign-ins a minute is enough here).
        string[] cities = ["sample", "sample-north", "sample-lake"];
        await Poll.Until(async () =>
        {
            var paired = 0;
            foreach (var city in cities)
            {
                paired += (await app.Http.GetFromJsonAsync<JsonArray>($"/api/admin/networks/{city}/devices"))!.Count;
            }
            return paired > 30;
        }, "the simulator's tablets in every sample city", TimeSpan.FromSeconds(120));

        // A person on the same machine signs in at once, three times over.
        for (var i = 0; i < 3; i++)
        {
            using var person = await Sessions.SignIn(app.BaseAddress, "admin", Sessions.AdminPassword);
            Assert.NotNull(await person.GetFromJsonAsync<JsonObject>("/api/auth/me"));
        }
    }

    /// <summary>The station kept closed on purpose (示例·老城区驿站) is late on the wall and is never tapped, while the open ones are.</summary>
    [Fact]
    public async Task The_station_the_simulator_never_opens_gets_no_services()
    {
        await Poll.Until(async () => (await Live()).Where(s => s.Id != SampleOpenings.NeverOpens).Sum(s => s.Total) >= 5,
            "taps at the open sample stations", TimeSpan.FromSeconds(120));
        var never = (await Live()).Single(s => s.Id == SampleOpenings.NeverOpens);
        Assert.Equal(0, never.Total);
        Assert.Equal("late", never.Status);
        Assert.False((bool)(await app.Http.GetNode($"/api/stations/{SampleOpenings.NeverOpens}"))["openNow"]!);
    }

    private async Task<List<(string Id, int Total, string? Status)>> Live() =>
        (await app.Http.GetNode("/api/networks/sample/live"))["stations"]!.AsArray()
            .Select(s => ((string)s!["stationId"]!, s["counts"]!.AsObject().Sum(c => c.Value!.GetValue<int>()), (string?)s["status"])).ToList();
}

/// <summary>The demo started early in the morning, before any sample station's opening time.</summary>
public sealed class SimulatorMorningApp() : StationNetApp(clock: ShiftedClock.At(new TimeOnly(5, 0), LocalDay.DefaultTimeZone),
    settings: new Dictionary<string, string> { ["StationNet:Simulator:Enabled"] = "true" });

public class SimulatorOpeningTests(SimulatorMorningApp app) : IClassFixture<SimulatorMorningApp>
{
    /// <summary>
    /// The simulated tablet opens a station at the time the sample's habits give for today (a few minutes before its hours
    /// on most days), not when the app happens to start: before that it is not open, just after it is, since then.
    /// </summary>
    [Fact]
    public async Task The_simulator_opens_a_station_at_its_opening_time()
    {
        // The app started at 05:00; time only moves forward here (a tablet cannot close a station before it opened it).
        var zone = LocalDay.Zone(LocalDay.DefaultTimeZone);
        var today = LocalDay.Of(app.Clock.GetUtcNow(), zone);
        var station = SampleNetwork.Stations.First(s => s.Id != SampleOpenings.NeverOpens && !s.OpeningHours.IsAllDay
            && SampleOpenings.Session(s, today, today) is { } session && session.Open.Hour >= 6 && session.Open.Date == today.ToDateTime(TimeOnly.MinValue));
        var opensAt = SampleOpenings.Session(station, today, today)!.Value.Open;
        try
        {
            app.Clock.MoveTo(TimeOnly.FromDateTime(opensAt.AddMinutes(-3)), LocalDay.DefaultTimeZone);
            await Poll.Until(async () => await OpeningChecks.Status(app.Http, station.Id) is not "open" and not "open-silent",
                $"{station.Id} not open three minutes before {opensAt:HH:mm}", TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(3)); // the simulator ticks every second: it has had its chance to open early
            Assert.False((bool)(await app.Http.GetNode($"/api/stations/{station.Id}"))["openNow"]!);

            app.Clock.MoveTo(TimeOnly.FromDateTime(opensAt.AddMinutes(1)), LocalDay.DefaultTimeZone);
            await Poll.Until(async () => (bool)(await app.Http.GetNode($"/api/stations/{station.Id}"))["openNow"]!,
                $"{station.Id} opened by its simulated tablet at {opensAt:HH:mm}", TimeSpan.FromSeconds(60));
            var since = LocalDay.Local((DateTimeOffset)(await app.Http.GetNode($"/api/stations/{station.Id}"))["statusSince"]!, zone);
            Assert.InRange(since, opensAt, opensAt.AddMinutes(3));
        }
        finally
        {
            app.Clock.MoveTo(new TimeOnly(12, 0), LocalDay.DefaultTimeZone);
        }
    }
}
