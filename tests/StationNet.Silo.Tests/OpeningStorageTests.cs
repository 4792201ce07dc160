using StationNet.Tests;

namespace StationNet.Silo.Tests;

/// <summary>Opening on PostgreSQL: the same state machine, records that say who opened, and sessions that outlive a restart.</summary>
[Collection(PostgresCollection.Name)]
public class OpeningStorageTests(PostgresServer pg)
{
    private static readonly Dictionary<string, string> Silent = new() { ["StationNet:Opening:SilentMinutes"] = OpeningChecks.SilentMinutes };

    [Fact]
    public async Task Status_follows_the_tablet_and_the_clock_and_sessions_survive_a_restart()
    {
        var db = await pg.CreateDatabase("opening");
        var clock = ShiftedClock.At(new TimeOnly(12, 0), "Asia/Shanghai");
        await using (var first = new StationNetApp(db, clock, Silent))
        {
            await first.InitializeAsync();
            await OpeningChecks.StatusFollowsTheTabletAndTheClock(first);
            await OpeningChecks.ComplianceUsesTheHoursInForceEachDay(first);
            await OpeningChecks.Post(first.Http, "sample-07", "open");
        }

        Assert.Equal(1L, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_opening WHERE station_id = 'sample-05' AND kind = 'open' AND device IS NOT NULL"));
        Assert.Equal(1L, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_opening WHERE station_id = 'sample-05' AND kind = 'heartbeat'"));
        Assert.Equal(1L, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_opening WHERE station_id = 'sample-05' AND kind = 'close'"));
        Assert.Equal(1L, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_opening WHERE station_id = 'sample-07' AND by_account = 'admin'"));
        Assert.Equal(1L, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_opening_sessions WHERE station_id = 'sample-05' AND closed_at > opened_at"));

        await using var second = new StationNetApp(db, clock, Silent);
        await second.InitializeAsync();
        Assert.Equal("open", await OpeningChecks.Status(second.Http, "sample-07"));
        Assert.Equal("closed", await OpeningChecks.Status(second.Http, "sample-05"));
        await OpeningChecks.WaitForLive(second, "sample-07", "open");
    }
}
