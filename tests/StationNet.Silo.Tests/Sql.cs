using Npgsql;

namespace StationNet.Silo.Tests;

internal static class Sql
{
    public static async Task<T> Scalar<T>(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        var value = await cmd.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, typeof(T));
    }

    /// <summary>
    /// Visits per station on one local day, as the journal has them: what a wall showing that day must show.
    /// A run that crosses local midnight puts its first events on the day before, and the wall rolls over.
    /// </summary>
    public static async Task<Dictionary<string, int>> Visits(string connectionString, DateOnly day)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT station_id, sum(quantity)::int FROM stationnet_journal WHERE kind = 0 AND service = 'visit' AND day = $1 GROUP BY station_id", conn);
        cmd.Parameters.Add(new() { Value = day });
        await using var reader = await cmd.ExecuteReaderAsync();
        var visits = new Dictionary<string, int>();
        while (await reader.ReadAsync())
        {
            visits[reader.GetString(0)] = reader.GetInt32(1);
        }
        return visits;
    }

    /// <summary>How many journal rows each event id has (events, not voids): exactly once is one.</summary>
    public static async Task<Dictionary<Guid, int>> JournalRows(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT event_id, count(*)::int FROM stationnet_journal WHERE kind = 0 GROUP BY event_id", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new Dictionary<Guid, int>();
        while (await reader.ReadAsync())
        {
            rows[reader.GetGuid(0)] = reader.GetInt32(1);
        }
        return rows;
    }
}
