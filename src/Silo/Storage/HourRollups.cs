using Npgsql;
using NpgsqlTypes;
using StationNet.Grains.Journal;

namespace StationNet.Silo.Storage;

/// <summary>
/// The hourly and worker-group rollups of events written in bulk (a network's history), summed here and
/// added in the bulk write's transaction, as every single append adds its own.
/// </summary>
internal sealed class HourRollups
{
    private readonly Dictionary<(DateOnly Day, string Station, string Service, int Hour), (int Count, DateTimeOffset Last)> _hourly = [];
    private readonly Dictionary<(DateOnly Day, string Station, string Group), int> _groups = [];

    public void Add(JournalEntry e)
    {
        var hour = (e.Day, e.StationId, e.Service, e.Hour);
        var (count, last) = _hourly.GetValueOrDefault(hour);
        _hourly[hour] = (count + e.Quantity, e.OccurredAt > last ? e.OccurredAt : last);
        if (e.Service == "visit" && e.WorkerGroup is { } group)
        {
            var key = (e.Day, e.StationId, group);
            _groups[key] = _groups.GetValueOrDefault(key) + e.Quantity;
        }
    }

    public async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string networkId, CancellationToken ct)
    {
        await Execute(connection, tx, """
            CREATE TEMPORARY TABLE history_hourly (day date, station_id varchar(64), service varchar(32), hour smallint, count integer, last_at timestamptz) ON COMMIT DROP;
            CREATE TEMPORARY TABLE history_groups (day date, station_id varchar(64), worker_group varchar(32), count integer) ON COMMIT DROP
            """, null, ct);
        await using (var writer = await connection.BeginBinaryImportAsync("COPY history_hourly FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var ((day, station, service, hour), (count, last)) in _hourly)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(day, NpgsqlDbType.Date, ct);
                await writer.WriteAsync(station, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(service, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync((short)hour, NpgsqlDbType.Smallint, ct);
                await writer.WriteAsync(count, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(last.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
            }
            await writer.CompleteAsync(ct);
        }
        await using (var writer = await connection.BeginBinaryImportAsync("COPY history_groups FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var ((day, station, group), count) in _groups)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(day, NpgsqlDbType.Date, ct);
                await writer.WriteAsync(station, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(group, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(count, NpgsqlDbType.Integer, ct);
            }
            await writer.CompleteAsync(ct);
        }
        // In the appends' lock order, and added to rows that taps may already have written (today's).
        await Execute(connection, tx, """
            INSERT INTO stationnet_hourly (network_id, day, station_id, service, hour, count, last_at)
            SELECT $1, day, station_id, service, hour, count, last_at FROM history_hourly ORDER BY day, station_id, service, hour
            ON CONFLICT (network_id, day, station_id, service, hour)
            DO UPDATE SET count = stationnet_hourly.count + EXCLUDED.count, last_at = GREATEST(stationnet_hourly.last_at, EXCLUDED.last_at)
            """, networkId, ct);
        await Execute(connection, tx, """
            INSERT INTO stationnet_groups (network_id, day, station_id, worker_group, count)
            SELECT $1, day, station_id, worker_group, count FROM history_groups ORDER BY day, station_id, worker_group
            ON CONFLICT (network_id, day, station_id, worker_group) DO UPDATE SET count = stationnet_groups.count + EXCLUDED.count
            """, networkId, ct);
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, string? networkId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        if (networkId is not null)
        {
            cmd.Parameters.Add(new() { Value = networkId });
        }
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
