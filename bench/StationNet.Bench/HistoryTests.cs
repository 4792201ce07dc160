using Npgsql;
using StationNet.Tests;

namespace StationNet.Bench;

/// <summary>The sample history's bulk import, as a silo's first start on a fresh database does it (that a second start imports nothing is SampleHistoryImportTests' job).</summary>
public static class HistoryTests
{
    public sealed record Outcome(long Events, double Seconds, bool RollupEqual);

    public static async Task<Outcome> Import(ThrowawayPostgres pg)
    {
        var db = await pg.CreateDatabase("history");
        var environment = new Dictionary<string, string> { ["StationNet__SampleHistory"] = "true" };
        var ports = SiloProcess.FreePorts();
        // The silo is ready (listening) only after the seeder's import: the import runs before the web server starts.
        await using (await SiloProcess.Start(db, ports.Http, ports.Silo, ports.Gateway, "Release", environment, TimeSpan.FromMinutes(5)))
        {
        }
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        var (events, seconds) = await Mark(conn);
        var differing = await Scalar(conn, """
            SELECT count(*) FROM
              (SELECT network_id, day, station_id, service, sum(quantity) AS n FROM stationnet_journal WHERE kind = 0 GROUP BY 1, 2, 3, 4) j
              FULL JOIN stationnet_daily d USING (network_id, day, station_id, service)
             WHERE j.n IS DISTINCT FROM d.count
            """);
        return new Outcome(events, seconds, differing == 0);
    }

    private static async Task<(long Events, double Seconds)> Mark(NpgsqlConnection conn)
    {
        await using var cmd = new NpgsqlCommand("SELECT events, seconds FROM stationnet_history_import WHERE network_id = 'sample'", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetDouble(1)) : (0, double.NaN);
    }

    private static async Task<long> Scalar(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
