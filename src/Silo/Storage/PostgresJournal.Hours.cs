using NpgsqlTypes;
using StationNet.Grains.Journal;

namespace StationNet.Silo.Storage;

/// <summary>The station × hour picture over a range of days; see <see cref="PostgresJournal"/>.</summary>
public sealed partial class PostgresJournal
{
    public async Task<IReadOnlyList<StationHourCount>> StationHoursAsync(string networkId, DateOnly from, DateOnly to, string? stationId, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT e.station_id, e.hour, sum(e.quantity)::integer
              FROM stationnet_journal e
             WHERE e.network_id = $1 AND e.day BETWEEN $2 AND $3 AND ($4::varchar IS NULL OR e.station_id = $4) AND e.kind = 0
               AND NOT EXISTS (SELECT 1 FROM stationnet_journal v WHERE v.event_id = e.event_id AND v.kind = 1)
             GROUP BY e.station_id, e.hour
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
