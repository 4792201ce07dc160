using NpgsqlTypes;
using StationNet.Grains.Journal;

namespace StationNet.Silo.Storage;

/// <summary>The station × hour picture over a range of days, from the hourly rollup; see <see cref="PostgresJournal"/>.</summary>
public sealed partial class PostgresJournal
{
    public async Task<IReadOnlyList<StationHourCount>> StationHoursAsync(string networkId, DateOnly from, DateOnly to, string? stationId, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT station_id, hour, sum(count)::integer FROM stationnet_hourly
             WHERE network_id = $1 AND day BETWEEN $2 AND $3 AND ($4::varchar IS NULL OR station_id = $4)
             GROUP BY station_id, hour HAVING sum(count) <> 0
            """);
        cmd.Parameters.Add(new() { Value = networkId });
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        cmd.Parameters.Add(new() { Value = (object?)stationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var cells = new List<StationHourCount>();
        while (await reader.ReadAsync(ct))
        {
            cells.Add(new StationHourCount(reader.GetString(0), reader.GetInt16(1), reader.GetInt32(2)));
        }
        return cells;
    }
}
