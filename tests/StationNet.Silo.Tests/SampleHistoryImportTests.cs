using StationNet.Tests;

namespace StationNet.Silo.Tests;

/// <summary>The sample history on PostgreSQL: imported once with its opening records, however often the app starts, and its rollups (by day, hour and worker group) are the journal's sums.</summary>
[Collection(PostgresCollection.Name)]
public class SampleHistoryImportTests(PostgresServer pg)
{
    private static readonly Dictionary<string, string> WithHistory = new() { ["StationNet:SampleHistory"] = "true" };

    [Fact]
    public async Task The_history_is_imported_once_and_its_rollups_equal_the_journal()
    {
        var db = await pg.CreateDatabase("sample_history");
        var clock = ShiftedClock.At(new TimeOnly(12, 0), "Asia/Shanghai");
        long first;
        await using (var app = new StationNetApp(db, clock, WithHistory))
        {
            await app.InitializeAsync();
            first = await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_journal WHERE network_id = 'sample'");
        }
        // The opening records of the same days, in every sample city, with their sessions: at most one opening a station-day.
        var openings = await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_opening");
        var sessions = await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_opening_sessions WHERE network_id = 'sample'");
        Assert.True(sessions > 399 * 14, $"only {sessions} opening sessions of history in the sample city");
        Assert.Equal(0L, await Sql.Scalar<long>(db, """
            SELECT count(*) FROM (SELECT station_id, (opened_at AT TIME ZONE 'Asia/Shanghai')::date FROM stationnet_opening_sessions GROUP BY 1, 2 HAVING count(*) > 1) twice
            """));
        Assert.Equal(openings, await Sql.Scalar<long>(db, "SELECT sum(openings) FROM stationnet_history_import"));
        Assert.True(first > 100_000, $"only {first} events of history");
        Assert.Equal(first, await Sql.Scalar<long>(db, "SELECT events FROM stationnet_history_import WHERE network_id = 'sample'"));
        Assert.True(await Sql.Scalar<long>(db, "SELECT count(DISTINCT day) FROM stationnet_journal WHERE network_id = 'sample'") >= 399);

        await using (var again = new StationNetApp(db, clock, WithHistory))
        {
            await again.InitializeAsync();
            Assert.Equal(first, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_journal WHERE network_id = 'sample'"));
        }
        Assert.Equal(openings, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_opening"));
        Assert.Equal(sessions, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_opening_sessions WHERE network_id = 'sample'"));
        // One mark a sample city; only the sample city has event history.
        Assert.Equal(1L, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_history_import WHERE events > 0"));
        Assert.Equal(0L, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_history_import WHERE openings IS NULL"));

        // Every rollup row is its journal rows' sum, and no journal day is missing from the rollup.
        var differing = await Sql.Scalar<long>(db, """
            SELECT count(*) FROM
              (SELECT network_id, day, station_id, service, sum(quantity) AS n FROM stationnet_journal WHERE kind = 0 GROUP BY 1, 2, 3, 4) j
              FULL JOIN stationnet_daily d USING (network_id, day, station_id, service)
             WHERE j.n IS DISTINCT FROM d.count
            """);
        Assert.Equal(0L, differing);
        var differingHours = await Sql.Scalar<long>(db, """
            SELECT count(*) FROM
              (SELECT network_id, day, station_id, service, hour, sum(quantity) AS n, max(occurred_at) AS last_at FROM stationnet_journal WHERE kind = 0 GROUP BY 1, 2, 3, 4, 5) j
              FULL JOIN stationnet_hourly h USING (network_id, day, station_id, service, hour)
             WHERE j.n IS DISTINCT FROM h.count OR j.last_at IS DISTINCT FROM h.last_at
            """);
        Assert.Equal(0L, differingHours);
        var differingGroups = await Sql.Scalar<long>(db, """
            SELECT count(*) FROM
              (SELECT network_id, day, station_id, worker_group, sum(quantity) AS n FROM stationnet_journal
                WHERE kind = 0 AND service = 'visit' AND worker_group IS NOT NULL GROUP BY 1, 2, 3, 4) j
              FULL JOIN stationnet_groups g USING (network_id, day, station_id, worker_group)
             WHERE j.n IS DISTINCT FROM g.count
            """);
        Assert.Equal(0L, differingGroups);
    }
}
