using Npgsql;
using StationNet.Grains.Journal;
using StationNet.Grains.Opening;

namespace StationNet.Silo.Storage;

/// <summary>
/// Opening records and sessions in PostgreSQL. Opens and closes are a few a day per station, so each is its own
/// short transaction: the record, and the session it starts or ends. The record's id makes a resend harmless.
/// </summary>
public sealed class PostgresOpeningJournal(NpgsqlDataSource db) : IOpeningJournal
{
    private const string Session = "station_id, opened_at, closed_at, opened_by";

    public async Task<bool> AppendAsync(OpeningEntry entry, CancellationToken ct = default) => await Guard(async () =>
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO stationnet_opening (id, network_id, station_id, kind, at, device, by_account) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (id) DO NOTHING
            """, connection, tx))
        {
            Add(insert, entry.Id, entry.NetworkId, entry.StationId, entry.Kind, entry.At.ToUniversalTime());
            Text(insert, entry.Device);
            Text(insert, entry.By);
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                return false;
            }
        }
        if (entry.Kind is OpeningKinds.Open or OpeningKinds.Close)
        {
            await using var session = entry.Kind == OpeningKinds.Open
                ? new NpgsqlCommand("""
                    INSERT INTO stationnet_opening_sessions (network_id, station_id, opened_at, opened_by) VALUES ($1, $2, $3, $4)
                    ON CONFLICT DO NOTHING
                    """, connection, tx)
                : new NpgsqlCommand(
                    "UPDATE stationnet_opening_sessions SET closed_at = $3 WHERE network_id = $1 AND station_id = $2 AND closed_at IS NULL AND opened_at <= $3",
                    connection, tx);
            Add(session, entry.NetworkId, entry.StationId, entry.At.ToUniversalTime());
            if (entry.Kind == OpeningKinds.Open)
            {
                Text(session, entry.Device ?? entry.By);
            }
            await session.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return true;
    });

    public async Task<OpeningSession?> LatestSessionAsync(string stationId, CancellationToken ct = default) =>
        (await Sessions($"SELECT {Session} FROM stationnet_opening_sessions WHERE station_id = $1 ORDER BY opened_at DESC LIMIT 1", ct, stationId))
        .FirstOrDefault();

    public Task<IReadOnlyList<OpeningSession>> LatestSessionsAsync(string networkId, CancellationToken ct = default) =>
        Sessions($"SELECT DISTINCT ON (station_id) {Session} FROM stationnet_opening_sessions WHERE network_id = $1 ORDER BY station_id, opened_at DESC",
            ct, networkId);

    public Task<IReadOnlyList<OpeningSession>> SessionsAsync(string networkId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) =>
        Sessions($"""
            SELECT {Session} FROM stationnet_opening_sessions
             WHERE network_id = $1 AND opened_at < $3 AND (closed_at IS NULL OR closed_at > $2) ORDER BY station_id, opened_at
            """, ct, networkId, from.ToUniversalTime(), to.ToUniversalTime());

    public async Task<DateTimeOffset?> FirstOpenedAsync(string networkId, CancellationToken ct = default) => await Guard(async () =>
    {
        await using var cmd = db.CreateCommand("SELECT min(opened_at) FROM stationnet_opening_sessions WHERE network_id = $1");
        Add(cmd, networkId);
        return await cmd.ExecuteScalarAsync(ct) switch
        {
            DateTime first => new DateTimeOffset(DateTime.SpecifyKind(first, DateTimeKind.Utc)),
            DateTimeOffset first => first,
            _ => (DateTimeOffset?)null,
        };
    });

    /// <summary>
    /// The records and the sessions they make, each as one statement over arrays, in one transaction with the mark on the
    /// history import's row: a second silo importing at the same moment waits on that row, then finds it marked and stops.
    /// A session that clashes with one already there (a station opened live meanwhile) is left to the live one.
    /// </summary>
    public async Task<int?> ImportHistoryAsync(string networkId, IEnumerable<OpeningEntry> records, CancellationToken ct = default) => await Guard(async () =>
    {
        var list = records.ToList();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The network's row may be there from its event history (openings NULL until now), or not (a network with opening history only).
        await using (var mark = new NpgsqlCommand("""
            INSERT INTO stationnet_history_import (network_id, events, seconds, openings) VALUES ($1, 0, 0, $2)
            ON CONFLICT (network_id) DO UPDATE SET openings = EXCLUDED.openings WHERE stationnet_history_import.openings IS NULL
            """, connection, tx))
        {
            Add(mark, networkId, (long)list.Count);
            if (await mark.ExecuteNonQueryAsync(ct) == 0)
            {
                return (int?)null;
            }
        }
        int added;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO stationnet_opening (id, network_id, station_id, kind, at, device, by_account)
            SELECT r.id, $1, r.station_id, r.kind, r.at, r.device, r.by_account
              FROM unnest($2::uuid[], $3::varchar[], $4::varchar[], $5::timestamptz[], $6::varchar[], $7::varchar[]) AS r (id, station_id, kind, at, device, by_account)
            ON CONFLICT (id) DO NOTHING
            """, connection, tx))
        {
            Add(insert, networkId, list.Select(r => r.Id).ToArray(), list.Select(r => r.StationId).ToArray(), list.Select(r => r.Kind).ToArray(),
                list.Select(r => r.At.UtcDateTime).ToArray(), list.Select(r => r.Device).ToArray(), list.Select(r => r.By).ToArray());
            added = await insert.ExecuteNonQueryAsync(ct);
        }
        var sessions = SessionsOf(list);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO stationnet_opening_sessions (network_id, station_id, opened_at, closed_at, opened_by)
            SELECT $1, s.station_id, s.opened_at, s.closed_at, s.opened_by
              FROM unnest($2::varchar[], $3::timestamptz[], $4::timestamptz[], $5::varchar[]) AS s (station_id, opened_at, closed_at, opened_by)
            ON CONFLICT DO NOTHING
            """, connection, tx))
        {
            Add(insert, networkId, sessions.Select(s => s.StationId).ToArray(), sessions.Select(s => s.OpenedAt.UtcDateTime).ToArray(),
                sessions.Select(s => s.ClosedAt?.UtcDateTime).ToArray(), sessions.Select(s => s.OpenedBy).ToArray());
            await insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return added;
    });

    /// <summary>The sessions records make, as the write path makes them: an open starts one, a close ends the station's open one.</summary>
    private static List<OpeningSession> SessionsOf(IEnumerable<OpeningEntry> records)
    {
        var sessions = new List<OpeningSession>();
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in records.OrderBy(r => r.At))
        {
            if (r.Kind == OpeningKinds.Open && !open.ContainsKey(r.StationId))
            {
                open[r.StationId] = sessions.Count;
                sessions.Add(new OpeningSession(r.StationId, r.At, null, r.Device ?? r.By));
            }
            else if (r.Kind == OpeningKinds.Close && open.Remove(r.StationId, out var i))
            {
                sessions[i] = sessions[i] with { ClosedAt = r.At };
            }
        }
        return sessions;
    }

    public async Task<IReadOnlyList<OpeningEntry>> RecordsAsync(string stationId, int count, CancellationToken ct = default) => await Guard(async () =>
    {
        await using var cmd = db.CreateCommand("""
            SELECT id, network_id, station_id, kind, at, device, by_account FROM stationnet_opening WHERE station_id = $1 ORDER BY at DESC LIMIT $2
            """);
        Add(cmd, stationId, count);
        var list = new List<OpeningEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new OpeningEntry(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        return (IReadOnlyList<OpeningEntry>)list;
    });

    private async Task<IReadOnlyList<OpeningSession>> Sessions(string sql, CancellationToken ct, params object[] args) => await Guard(async () =>
    {
        await using var cmd = db.CreateCommand(sql);
        Add(cmd, args);
        var list = new List<OpeningSession>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new OpeningSession(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        return (IReadOnlyList<OpeningSession>)list;
    });

    private static void Add(NpgsqlCommand cmd, params object[] values)
    {
        foreach (var value in values)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        }
    }

    private static void Text(NpgsqlCommand cmd, string? value) =>
        cmd.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });

    /// <summary>A database out of reach is a 503 with Retry-After at the front door, as for events.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception ex) when (ex is not StorageUnavailableException && StorageUnavailableException.IsCause(ex))
        {
            throw new StorageUnavailableException($"The opening journal cannot reach PostgreSQL: {ex.GetBaseException().Message}", ex);
        }
    }
}
