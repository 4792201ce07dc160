using Npgsql;
using NpgsqlTypes;
using StationNet.Grains.Journal;

namespace StationNet.Silo.Storage;

/// <summary>The journal's reads: reports, the live picture's day, the audit trail; see <see cref="PostgresJournal"/>.</summary>
public sealed partial class PostgresJournal
{
    public async Task<JournalLookup?> FindAsync(Guid eventId, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand(
            "SELECT kind, network_id, station_id, service, quantity, occurred_at, recorded_at, day, hour, attendant, worker_group, device FROM stationnet_journal WHERE event_id = $1");
        cmd.Parameters.Add(new() { Value = eventId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        JournalEntry? found = null;
        DateTimeOffset? voidedAt = null;
        while (await reader.ReadAsync(ct))
        {
            if (reader.GetInt16(0) == 1)
            {
                voidedAt = reader.GetFieldValue<DateTimeOffset>(6);
                continue;
            }
            found = new JournalEntry(eventId, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateOnly>(7), reader.GetInt16(8),
                NullableString(reader, 9), NullableString(reader, 10), NullableString(reader, 11));
        }
        return found is null ? null : new JournalLookup(found, voidedAt);
    }

    public async Task<StationDayCounts> LoadStationDayAsync(string stationId, DateOnly day, CancellationToken ct = default)
    {
        var days = await LoadDays("station_id", stationId, day, ct);
        return days.SingleOrDefault() ?? new StationDayCounts(stationId, day, new Dictionary<string, int[]>(), null);
    }

    public Task<IReadOnlyList<StationDayCounts>> LoadNetworkDayAsync(string networkId, DateOnly day, CancellationToken ct = default) =>
        LoadDays("network_id", networkId, day, ct);

    public async Task<IReadOnlyList<DailyCount>> QueryAsync(string networkId, DateOnly from, DateOnly to, string? stationId, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT day, station_id, service, count FROM stationnet_daily
             WHERE network_id = $1 AND day BETWEEN $2 AND $3 AND ($4::varchar IS NULL OR station_id = $4) AND count <> 0
             ORDER BY day, station_id, service
            """);
        cmd.Parameters.Add(new() { Value = networkId });
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        cmd.Parameters.Add(new() { Value = (object?)stationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<DailyCount>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new DailyCount(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        }
        return rows;
    }

    public async Task<IReadOnlyList<(string StationId, DateOnly Day, int Hour)>> ActivityAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand(
            "SELECT DISTINCT station_id, day, hour FROM stationnet_hourly WHERE network_id = $1 AND day BETWEEN $2 AND $3");
        cmd.Parameters.Add(new() { Value = networkId });
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var active = new List<(string, DateOnly, int)>();
        while (await reader.ReadAsync(ct))
        {
            active.Add((reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt16(2)));
        }
        return active;
    }

    public async Task<IReadOnlyList<JournalEntry>> LatestAsync(string networkId, DateOnly day, int count, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT e.event_id, e.station_id, e.service, e.quantity, e.occurred_at, e.recorded_at, e.hour, e.attendant, e.worker_group, e.device
              FROM stationnet_journal e
             WHERE e.network_id = $1 AND e.day = $2 AND e.kind = 0
               AND NOT EXISTS (SELECT 1 FROM stationnet_journal v WHERE v.event_id = e.event_id AND v.kind = 1)
             ORDER BY e.occurred_at DESC
             LIMIT $3
            """);
        cmd.Parameters.Add(new() { Value = networkId });
        cmd.Parameters.Add(new() { Value = day });
        cmd.Parameters.Add(new() { Value = count });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var latest = new List<JournalEntry>();
        while (await reader.ReadAsync(ct))
        {
            latest.Add(new JournalEntry(reader.GetGuid(0), networkId, reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5), day, reader.GetInt16(6),
                NullableString(reader, 7), NullableString(reader, 8), NullableString(reader, 9)));
        }
        return latest;
    }

    public async Task<IReadOnlyDictionary<string, int>> VisitGroupsAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT worker_group, sum(count)::integer FROM stationnet_groups
             WHERE network_id = $1 AND day BETWEEN $2 AND $3
             GROUP BY worker_group HAVING sum(count) <> 0
            """);
        cmd.Parameters.Add(new() { Value = networkId });
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            groups[reader.GetString(0)] = reader.GetInt32(1);
        }
        return groups;
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(AuditQuery q, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT event_id, kind, station_id, service, quantity, occurred_at, recorded_at, day, attendant, worker_group, device
              FROM stationnet_journal
             WHERE network_id = $1 AND day BETWEEN $2 AND $3
               AND ($4::varchar IS NULL OR station_id = $4) AND ($5::varchar IS NULL OR device = $5)
               AND ($6::smallint IS NULL OR kind = $6) AND ($7::timestamptz IS NULL OR recorded_at < $7)
             ORDER BY recorded_at DESC, event_id
             LIMIT $8
            """);
        cmd.Parameters.Add(new() { Value = q.NetworkId });
        cmd.Parameters.Add(new() { Value = q.From });
        cmd.Parameters.Add(new() { Value = q.To });
        cmd.Parameters.Add(Text(q.StationId));
        cmd.Parameters.Add(Text(q.Device));
        cmd.Parameters.Add(new() { Value = q.Kind switch { "event" => (object)(short)0, "void" => (short)1, _ => DBNull.Value }, NpgsqlDbType = NpgsqlDbType.Smallint });
        cmd.Parameters.Add(new() { Value = (object?)q.Before?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = q.Limit });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var lines = new List<AuditEntry>();
        while (await reader.ReadAsync(ct))
        {
            lines.Add(new AuditEntry(reader.GetGuid(0), reader.GetInt16(1) == 0 ? "event" : "void", reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateOnly>(7),
                NullableString(reader, 8), NullableString(reader, 9), NullableString(reader, 10)));
        }
        return lines;
    }

    public async Task<IReadOnlyList<StationServiceCount>> SummaryAsync(string networkId, DateOnly from, DateOnly to, string? stationId, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT station_id, service, sum(count)::integer AS total FROM stationnet_daily
             WHERE network_id = $1 AND day BETWEEN $2 AND $3 AND ($4::varchar IS NULL OR station_id = $4)
             GROUP BY station_id, service HAVING sum(count) <> 0
             ORDER BY station_id, service
            """);
        cmd.Parameters.Add(new() { Value = networkId });
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        cmd.Parameters.Add(new() { Value = (object?)stationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<StationServiceCount>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new StationServiceCount(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        }
        return rows;
    }

    public async Task<IReadOnlyDictionary<string, int>> TotalsAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand(
            "SELECT service, sum(count)::integer FROM stationnet_daily WHERE network_id = $1 AND day BETWEEN $2 AND $3 GROUP BY service");
        cmd.Parameters.Add(new() { Value = networkId });
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            totals[reader.GetString(0)] = reader.GetInt32(1);
        }
        return totals;
    }

    public async Task<IReadOnlyDictionary<DateOnly, int>> DayTotalsAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand(
            "SELECT day, sum(count)::integer FROM stationnet_daily WHERE network_id = $1 AND day BETWEEN $2 AND $3 GROUP BY day");
        cmd.Parameters.Add(new() { Value = networkId });
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var totals = new Dictionary<DateOnly, int>();
        while (await reader.ReadAsync(ct))
        {
            totals[reader.GetFieldValue<DateOnly>(0)] = reader.GetInt32(1);
        }
        return totals;
    }

    /// <summary>A day of one station or of a whole network, from the hourly and worker-group rollups (never the journal's rows).</summary>
    private async Task<IReadOnlyList<StationDayCounts>> LoadDays(string column, string key, DateOnly day, CancellationToken ct)
    {
        var hourly = new Dictionary<string, Dictionary<string, int[]>>(StringComparer.Ordinal);
        var last = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await using (var cmd = _db.CreateCommand($"SELECT station_id, service, hour, count, last_at FROM stationnet_hourly WHERE {column} = $1 AND day = $2"))
        {
            cmd.Parameters.Add(new() { Value = key });
            cmd.Parameters.Add(new() { Value = day });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var station = reader.GetString(0);
                var services = hourly.TryGetValue(station, out var s) ? s : hourly[station] = new(StringComparer.Ordinal);
                var service = reader.GetString(1);
                var hours = services.TryGetValue(service, out var h) ? h : services[service] = new int[24];
                hours[reader.GetInt16(2)] += reader.GetInt32(3);
                var at = reader.GetFieldValue<DateTimeOffset>(4);
                last[station] = last.TryGetValue(station, out var seen) && seen > at ? seen : at;
            }
        }
        var groups = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        await using (var cmd = _db.CreateCommand($"SELECT station_id, worker_group, count FROM stationnet_groups WHERE {column} = $1 AND day = $2 AND count <> 0"))
        {
            cmd.Parameters.Add(new() { Value = key });
            cmd.Parameters.Add(new() { Value = day });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var station = reader.GetString(0);
                (groups.TryGetValue(station, out var g) ? g : groups[station] = new(StringComparer.Ordinal))[reader.GetString(1)] = reader.GetInt32(2);
            }
        }
        return hourly.Select(s => new StationDayCounts(s.Key, day, s.Value, last[s.Key],
            groups.TryGetValue(s.Key, out var g) ? g : new Dictionary<string, int>(StringComparer.Ordinal))).ToList();
    }
}
