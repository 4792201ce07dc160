using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using StationNet.Grains.Journal;

namespace StationNet.Silo.Storage;

/// <summary>The bulk path for a network's history: binary COPY into the journal, the rollup summed alongside, one transaction.</summary>
public sealed partial class PostgresJournal
{
    private const string CopyJournal = """
        COPY stationnet_journal (event_id, kind, network_id, station_id, service, quantity, occurred_at, recorded_at, day, hour, attendant, worker_group, device)
        FROM STDIN (FORMAT BINARY)
        """;

    public async Task<HistoryImport?> ImportHistoryAsync(string networkId, IEnumerable<JournalEntry> events, CancellationToken ct = default)
    {
        var took = Stopwatch.StartNew();
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The mark comes first: a second silo importing at the same moment waits on this row, then finds it and stops.
        await using (var mark = new NpgsqlCommand(
            "INSERT INTO stationnet_history_import (network_id, events, seconds) VALUES ($1, 0, 0) ON CONFLICT (network_id) DO NOTHING", connection, tx))
        {
            mark.Parameters.Add(new() { Value = networkId });
            if (await mark.ExecuteNonQueryAsync(ct) == 0)
            {
                return null;
            }
        }
        var rollup = new Dictionary<(DateOnly Day, string Station, string Service), int>();
        var hours = new HourRollups();
        var count = 0L;
        await using (var writer = await connection.BeginBinaryImportAsync(CopyJournal, ct))
        {
            foreach (var e in events)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(e.EventId, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync((short)0, NpgsqlDbType.Smallint, ct);
                await writer.WriteAsync(e.NetworkId, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(e.StationId, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(e.Service, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(e.Quantity, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(e.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(e.RecordedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(e.Day, NpgsqlDbType.Date, ct);
                await writer.WriteAsync((short)e.Hour, NpgsqlDbType.Smallint, ct);
                await WriteText(writer, e.Attendant, ct);
                await WriteText(writer, e.WorkerGroup, ct);
                await WriteText(writer, e.Device, ct);
                var key = (e.Day, e.StationId, e.Service);
                rollup[key] = rollup.GetValueOrDefault(key) + e.Quantity;
                hours.Add(e);
                count++;
            }
            await writer.CompleteAsync(ct);
        }
        await AddToRollup(connection, tx, networkId, rollup, ct);
        await hours.WriteAsync(connection, tx, networkId, ct);
        await using (var done = new NpgsqlCommand("UPDATE stationnet_history_import SET events = $2, seconds = $3 WHERE network_id = $1", connection, tx))
        {
            done.Parameters.Add(new() { Value = networkId });
            done.Parameters.Add(new() { Value = count });
            done.Parameters.Add(new() { Value = took.Elapsed.TotalSeconds });
            await done.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return new HistoryImport(networkId, count, took.Elapsed);
    }

    /// <summary>The day's sums go through a temporary table, and are added to rows taps may already have written (today's).</summary>
    private static async Task AddToRollup(NpgsqlConnection connection, NpgsqlTransaction tx, string networkId,
        Dictionary<(DateOnly Day, string Station, string Service), int> rollup, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand(
            "CREATE TEMPORARY TABLE history_daily (day date, station_id varchar(64), service varchar(32), count integer) ON COMMIT DROP", connection, tx))
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        await using (var writer = await connection.BeginBinaryImportAsync("COPY history_daily (day, station_id, service, count) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var ((day, station, service), n) in rollup.OrderBy(r => r.Key.Day).ThenBy(r => r.Key.Station, StringComparer.Ordinal).ThenBy(r => r.Key.Service, StringComparer.Ordinal))
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(day, NpgsqlDbType.Date, ct);
                await writer.WriteAsync(station, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(service, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(n, NpgsqlDbType.Integer, ct);
            }
            await writer.CompleteAsync(ct);
        }
        await using var add = new NpgsqlCommand("""
            INSERT INTO stationnet_daily (network_id, day, station_id, service, count)
            SELECT $1, day, station_id, service, count FROM history_daily ORDER BY day, station_id, service
            ON CONFLICT (network_id, day, station_id, service) DO UPDATE SET count = stationnet_daily.count + EXCLUDED.count
            """, connection, tx);
        add.Parameters.Add(new() { Value = networkId });
        await add.ExecuteNonQueryAsync(ct);
    }

    private static Task WriteText(NpgsqlBinaryImporter writer, string? value, CancellationToken ct) =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, NpgsqlDbType.Varchar, ct);
}
