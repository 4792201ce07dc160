using Npgsql;
using NpgsqlTypes;
using StationNet.Grains.Journal;

namespace StationNet.Silo.Storage;

/// <summary>
/// The rollups of a history being imported (by day, by hour, by worker group), summed as the events stream past,
/// then added to the rollup tables through temporary tables: added, not replaced, so taps already counted stay.
/// </summary>
internal sealed class HistorySums
{
    private readonly Dictionary<(DateOnly Day, string Station, string Service), int> _daily = [];
    private readonly Dictionary<(DateOnly Day, string Station, string Service, short Hour), (int Count, DateTimeOffset LastAt)> _hourly = [];
    private readonly Dictionary<(DateOnly Day, string Station, string Group), int> _groups = [];

    public void Add(JournalEntry e)
    {
        var day = (e.Day, e.StationId, e.Service);
        _daily[day] = _daily.GetValueOrDefault(day) + e.Quantity;
        var hour = (e.Day, e.StationId, e.Service, (short)e.Hour);
        var (count, lastAt) = _hourly.GetValueOrDefault(hour);
        _hourly[hour] = (count + e.Quantity, e.OccurredAt > lastAt ? e.OccurredAt.ToUniversalTime() : lastAt);
        if (e.Service == "visit" && e.WorkerGroup is { } group)
        {
            var key = (e.Day, e.StationId, group);
            _groups[key] = _groups.GetValueOrDefault(key) + e.Quantity;
        }
    }

    public async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string networkId, CancellationToken ct)
    {
        await Stage(connection, tx, "history_daily (day date, station_id varchar(64), service varchar(32), count integer)",
            "history_daily (day, station_id, service, count)", _daily, async (w, r) =>
            {
                await w.WriteAsync(r.Key.Day, NpgsqlDbType.Date, ct);
                await w.WriteAsync(r.Key.Station, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(r.Key.Service, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(r.Value, NpgsqlDbType.Integer, ct);
            }, ct);
        await Stage(connection, tx, "history_hourly (day date, station_id varchar(64), service varchar(32), hour smallint, count integer, last_at timestamptz)",
            "history_hourly (day, station_id, service, hour, count, last_at)", _hourly, async (w, r) =>
            {
                await w.WriteAsync(r.Key.Day, NpgsqlDbType.Date, ct);
                await w.WriteAsync(r.Key.Station, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(r.Key.Service, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(r.Key.Hour, NpgsqlDbType.Smallint, ct);
                await w.WriteAsync(r.Value.Count, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(r.Value.LastAt, NpgsqlDbType.TimestampTz, ct);
            }, ct);
        await Stage(connection, tx, "history_groups (day date, station_id varchar(64), worker_group varchar(32), count integer)",
            "history_groups (day, station_id, worker_group, count)", _groups, async (w, r) =>
            {
                await w.WriteAsync(r.Key.Day, NpgsqlDbType.Date, ct);
                await w.WriteAsync(r.Key.Station, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(r.Key.Group, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(r.Value, NpgsqlDbType.Integer, ct);
            }, ct);
        // In each rollup's key order, the order every writer takes its row locks in.
        await using var add = new NpgsqlBatch(connection, tx)
        {
            BatchCommands =
            {
                new("""
                    INSERT INTO stationnet_hourly (network_id, day, station_id, service, hour, count, last_at)
                    SELECT $1, day, station_id, service, hour, count, last_at FROM history_hourly ORDER BY day, station_id, service, hour
                    ON CONFLICT (network_id, day, station_id, service, hour)
                    DO UPDATE SET count = stationnet_hourly.count + EXCLUDED.count, last_at = GREATEST(stationnet_hourly.last_at, EXCLUDED.last_at)
                    """) { Parameters = { new() { Value = networkId } } },
                new("""
                    INSERT INTO stationnet_groups (network_id, day, station_id, worker_group, count)
                    SELECT $1, day, station_id, worker_group, count FROM history_groups ORDER BY day, station_id, worker_group
                    ON CONFLICT (network_id, day, station_id, worker_group) DO UPDATE SET count = stationnet_groups.count + EXCLUDED.count
                    """) { Parameters = { new() { Value = networkId } } },
                new("""
                    INSERT INTO stationnet_daily (network_id, day, station_id, service, count)
                    SELECT $1, day, station_id, service, count FROM history_daily ORDER BY day, station_id, service
                    ON CONFLICT (network_id, day, station_id, service) DO UPDATE SET count = stationnet_daily.count + EXCLUDED.count
                    """) { Parameters = { new() { Value = networkId } } },
            },
        };
        await add.ExecuteNonQueryAsync(ct);
    }

    private static async Task Stage<TKey, TValue>(NpgsqlConnection connection, NpgsqlTransaction tx, string table, string columns,
        Dictionary<TKey, TValue> rows, Func<NpgsqlBinaryImporter, KeyValuePair<TKey, TValue>, Task> write, CancellationToken ct) where TKey : notnull
    {
        await using (var create = new NpgsqlCommand($"CREATE TEMPORARY TABLE {table} ON COMMIT DROP", connection, tx))
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {columns} FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            await write(writer, row);
        }
        await writer.CompleteAsync(ct);
    }
}
