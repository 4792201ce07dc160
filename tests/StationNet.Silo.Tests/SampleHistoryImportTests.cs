using StationNet.Tests;

namespace StationNet.Silo.Tests;

/// <summary>The sample history on PostgreSQL: imported once, however often the app starts, and its rollup is the journal's sum.</summary>
[Collection(PostgresCollection.Name)]
public class SampleHistoryImportTests(PostgresServer pg)
{
    private static readonly Dictionary<string, string> WithHistory = new() { ["StationNet:SampleHistory"] = "true" };

    [Fact]
    public async Task The_history_is_imported_once_and_its_rollup_equals_the_journal()
    {
        var db = await pg.CreateDatabase("sample_history");
        var clock = ShiftedClock.At(new TimeOnly(12, 0), "Asia/Shanghai");
        long first;
        await using (var app = new StationNetApp(db, clock, WithHistory))
        {
            await app.InitializeAsync();
            first = await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_journal WHERE network_id = 'sample'");
        }
        Assert.True(first > 100_000, $"only {first} events of history");
        Assert.Equal(first, await Sql.Scalar<long>(db, "SELECT events FROM stationnet_history_import WHERE network_id = 'sample'"));
        Assert.True(await Sql.Scalar<long>(db, "SELECT count(DISTINCT day) FROM stationnet_journal WHERE network_id = 'sample'") >= 399);

        await using (var again = new StationNetApp(db, clock, WithHistory))
        {
            await again.InitializeAsync();
            Assert.Equal(first, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_journal WHERE network_id = 'sample'"));
        }
        Assert.Equal(1L, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_history_import"));

        // Every rollup row is its journal rows' sum, and no journal day is missing from the rollup.
        var differing = await Sql.Scalar<long>(db, """
            SELECT count(*) FROM
              (SELECT network_id, day, station_id, service, sum(quantity) AS n FROM stationnet_journal WHERE kind = 0 GROUP BY 1, 2, 3, 4) j
              FULL JOIN stationnet_daily d USING (network_id, day, station_id, service)
             WHERE j.n IS DISTINCT FROM d.count
            """);
        Assert.Equal(0L, differing);
    }
}
