using StationNet.Tests;

namespace StationNet.Web.Tests;

public sealed class SilentAppFixture() : StationNetApp(settings: new Dictionary<string, string> { ["StationNet:Opening:SilentMinutes"] = OpeningChecks.SilentMinutes });

/// <summary>Opening, closing and heartbeats on the embedded default (OpeningStorageTests runs the same on PostgreSQL).</summary>
public class OpeningTests(SilentAppFixture app) : IClassFixture<SilentAppFixture>
{
    [Fact]
    public Task Status_follows_the_tablet_and_the_clock() => OpeningChecks.StatusFollowsTheTabletAndTheClock(app);

    [Fact]
    public Task Compliance_uses_the_hours_in_force_each_day_and_the_sessions() => OpeningChecks.ComplianceUsesTheHoursInForceEachDay(app);
}
