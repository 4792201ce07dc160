using Npgsql;
using NpgsqlTypes;
using StationNet.Grains.Feedback;
using StationNet.Grains.Journal;

namespace StationNet.Silo.Storage;

/// <summary>
/// Workers' ratings in PostgreSQL. Each rating and each follow-up is one short transaction with the rollups it moves;
/// the primary key makes a resend harmless and the unique device_day refuses a second rating that day.
/// </summary>
public sealed class PostgresFeedbackJournal(NpgsqlDataSource db) : IFeedbackJournal
{
    private const string Columns = "id, network_id, station_id, day, created_at, rating, tags, comment, status, resolved_on";

    public async Task<FeedbackAppend> AppendAsync(FeedbackEntry entry, CancellationToken ct = default) => await Guard(async () =>
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO stationnet_feedback (id, network_id, station_id, day, created_at, rating, tags, comment, device_day)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING
            """, connection, tx))
        {
            Add(insert, entry.Id, entry.NetworkId, entry.StationId, entry.Day, entry.CreatedAt.ToUniversalTime(), (short)entry.Rating, string.Join(',', entry.Tags));
            insert.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = entry.Comment, NpgsqlDbType = NpgsqlDbType.Varchar });
            Add(insert, entry.DeviceDay);
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                await tx.RollbackAsync(ct);
                var known = await FindAsync(entry.Id, ct);
                return known is null ? FeedbackAppend.AlreadyToday : entry.SameAs(known) ? FeedbackAppend.Duplicate : FeedbackAppend.Changed;
            }
        }
        var complaint = FeedbackCatalog.IsComplaint(entry.Rating) ? 1 : 0;
        await using (var rollup = new NpgsqlCommand("""
            INSERT INTO stationnet_feedback_daily AS d (network_id, station_id, day, ratings, rating_sum, complaints, open_complaints)
            VALUES ($1, $2, $3, 1, $4, $5, $5)
            ON CONFLICT (network_id, station_id, day) DO UPDATE SET ratings = d.ratings + 1, rating_sum = d.rating_sum + excluded.rating_sum,
                complaints = d.complaints + excluded.complaints, open_complaints = d.open_complaints + excluded.open_complaints
            """, connection, tx))
        {
            Add(rollup, entry.NetworkId, entry.StationId, entry.Day, entry.Rating, complaint);
            await rollup.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return FeedbackAppend.Added;
    });

    public async Task<FeedbackItem?> FindAsync(Guid id, CancellationToken ct = default) =>
        (await Items($"SELECT {Columns} FROM stationnet_feedback WHERE id = $1", null, ct, id)).FirstOrDefault();

    public async Task<FeedbackItem?> FollowUpAsync(Guid id, FeedbackNote note, DateOnly today, CancellationToken ct = default) => await Guard(async () =>
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var found = await Items($"SELECT {Columns} FROM stationnet_feedback WHERE id = $1 FOR UPDATE", (connection, tx), ct, id);
        if (found.Count == 0)
        {
            return null;
        }
        var item = found[0];
        var step = FeedbackRules.Step(item, note.Status, today);
        await Execute(connection, tx, ct, "UPDATE stationnet_feedback SET status = $2, resolved_on = $3 WHERE id = $1",
            id, note.Status, step.ResolvedOn is { } on ? on : DBNull.Value);
        await Execute(connection, tx, ct, """
            INSERT INTO stationnet_feedback_notes (feedback_id, seq, at, status, note, by_account) VALUES ($1, $2, $3, $4, $5, $6)
            """, id, item.Notes.Count + 1, note.At.ToUniversalTime(), note.Status, note.Note is { } text ? text : DBNull.Value, note.By);
        if (step.OpenDelta != 0)
        {
            await Execute(connection, tx, ct, """
                UPDATE stationnet_feedback_daily SET open_complaints = open_complaints + $4 WHERE network_id = $1 AND station_id = $2 AND day = $3
                """, item.NetworkId, item.StationId, item.Day, step.OpenDelta);
        }
        if (step.UnresolveDays is { } before)
        {
            await Execute(connection, tx, ct, """
                UPDATE stationnet_feedback_resolved SET count = count - 1 WHERE network_id = $1 AND station_id = $2 AND day = $3 AND days = $4
                """, item.NetworkId, item.StationId, item.Day, before);
        }
        if (step.ResolveDays is { } after)
        {
            await Execute(connection, tx, ct, """
                INSERT INTO stationnet_feedback_resolved AS r (network_id, station_id, day, days, count) VALUES ($1, $2, $3, $4, 1)
                ON CONFLICT (network_id, station_id, day, days) DO UPDATE SET count = r.count + 1
                """, item.NetworkId, item.StationId, item.Day, after);
        }
        await tx.CommitAsync(ct);
        return item with { Status = note.Status, ResolvedOn = step.ResolvedOn, Notes = [.. item.Notes, note] };
    });

    public Task<IReadOnlyList<FeedbackItem>> ListAsync(FeedbackQuery query, CancellationToken ct = default) =>
        Items($"""
            SELECT {Columns} FROM stationnet_feedback
             WHERE network_id = $1 AND day BETWEEN $2 AND $3 AND ($4::varchar IS NULL OR station_id = $4) AND ($5::varchar IS NULL OR status = $5)
             ORDER BY rating, created_at DESC, id LIMIT $6
            """, null, ct, query.NetworkId, query.From, query.To, (object?)query.StationId ?? DBNull.Value, (object?)query.Status ?? DBNull.Value, query.Limit);

    public async Task<IReadOnlyList<FeedbackDay>> DailyAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default) => await Guard(async () =>
    {
        await using var cmd = db.CreateCommand("""
            SELECT station_id, day, ratings, rating_sum, complaints, open_complaints FROM stationnet_feedback_daily
             WHERE network_id = $1 AND day BETWEEN $2 AND $3
            """);
        Add(cmd, networkId, from, to);
        var list = new List<FeedbackDay>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new FeedbackDay(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5)));
        }
        return (IReadOnlyList<FeedbackDay>)list;
    });

    public async Task<IReadOnlyList<FeedbackResolution>> ResolutionsAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default) => await Guard(async () =>
    {
        await using var cmd = db.CreateCommand("""
            SELECT station_id, day, days, count FROM stationnet_feedback_resolved WHERE network_id = $1 AND day BETWEEN $2 AND $3 AND count > 0
            """);
        Add(cmd, networkId, from, to);
        var list = new List<FeedbackResolution>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new FeedbackResolution(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt32(2), reader.GetInt32(3)));
        }
        return (IReadOnlyList<FeedbackResolution>)list;
    });

    /// <summary>Ratings and their follow-up notes, on the given transaction or a connection of their own.</summary>
    private async Task<IReadOnlyList<FeedbackItem>> Items(string sql, (NpgsqlConnection, NpgsqlTransaction)? on, CancellationToken ct, params object[] args) => await Guard(async () =>
    {
        var own = on is null ? await db.OpenConnectionAsync(ct) : null;
        try
        {
            var (connection, tx) = on ?? (own!, null!);
            var rows = new List<FeedbackItem>();
            await using (var cmd = new NpgsqlCommand(sql, connection, tx))
            {
                Add(cmd, args);
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var tags = reader.GetString(6);
                    rows.Add(new FeedbackItem(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3),
                        reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt16(5), tags.Length == 0 ? [] : tags.Split(','),
                        reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9), []));
                }
            }
            if (rows.Count == 0)
            {
                return (IReadOnlyList<FeedbackItem>)rows;
            }
            var notes = new Dictionary<Guid, List<FeedbackNote>>();
            await using (var cmd = new NpgsqlCommand(
                "SELECT feedback_id, at, status, note, by_account FROM stationnet_feedback_notes WHERE feedback_id = ANY($1) ORDER BY feedback_id, seq", connection, tx))
            {
                Add(cmd, rows.Select(r => r.Id).ToArray());
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var list = notes.TryGetValue(reader.GetGuid(0), out var l) ? l : notes[reader.GetGuid(0)] = [];
                    list.Add(new FeedbackNote(reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4)));
                }
            }
            return rows.Select(r => notes.TryGetValue(r.Id, out var n) ? r with { Notes = n } : r).ToList();
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    });

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct, string sql, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        Add(cmd, args);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void Add(NpgsqlCommand cmd, params object[] values)
    {
        foreach (var value in values)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        }
    }

    /// <summary>A database out of reach is a 503 with Retry-After at the front door, as for events.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception ex) when (ex is not StorageUnavailableException && StorageUnavailableException.IsCause(ex))
        {
            throw new StorageUnavailableException($"The feedback journal cannot reach PostgreSQL: {ex.GetBaseException().Message}", ex);
        }
    }
}
