using Npgsql;
using NpgsqlTypes;
using StationNet.Grains.Journal;
using StationNet.Grains.Supplies;

namespace StationNet.Silo.Storage;

/// <summary>
/// Supplies in PostgreSQL. A movement is a few a day per station, so each is one statement in its own
/// transaction: the movement and its rollups (a count reads and locks the level it sets). The movement's id
/// makes a resend harmless. Linked taps are written by the event journal's group commit instead.
/// </summary>
public sealed class PostgresSupplyJournal(NpgsqlDataSource db) : ISupplyJournal
{
    private const string InsertMovement = $"""
        WITH before AS (SELECT on_hand FROM stationnet_supply_stock WHERE station_id = $3 AND item = $4 FOR UPDATE),
        added AS (
            INSERT INTO stationnet_supply_movements (id, source, network_id, station_id, item, kind, quantity, change, expires_on, day, recorded_at, device)
            SELECT $1, 0, $2, $3, $4, $5, $6,
                   CASE $5 WHEN 'received' THEN $6 WHEN 'counted' THEN $6 - COALESCE((SELECT on_hand FROM before), 0) ELSE -$6 END,
                   $7, $8, $9, $10
            ON CONFLICT (id, source) DO NOTHING
            RETURNING network_id, station_id, item, kind, quantity, change, expires_on, day),
        {SupplyRollups.FromAdded}
        """;

    // The undo copies the movement with the opposite change; added negates its quantity, so the rollups take back
    // what the movement put in (received, discarded, batches, receipts), on the movement's own day.
    private const string InsertVoid = $"""
        WITH undone AS (
            INSERT INTO stationnet_supply_movements (id, source, network_id, station_id, item, kind, quantity, change, expires_on, day, recorded_at, device)
            SELECT id, 3, network_id, station_id, item, kind, quantity, -change, expires_on, day, $2, $3
              FROM stationnet_supply_movements WHERE id = $1 AND source = 0
            ON CONFLICT (id, source) DO NOTHING
            RETURNING network_id, station_id, item, kind, quantity, change, expires_on, day),
        added AS (SELECT network_id, station_id, item, kind, -quantity AS quantity, change, expires_on, day FROM undone),
        {SupplyRollups.FromAdded}
        """;

    // A restored undo (source 3) takes its quantity back from the rollups, as when it was first written.
    private const string RestoreMovement = $"""
        WITH added AS (
            INSERT INTO stationnet_supply_movements (id, source, network_id, station_id, item, kind, quantity, change, expires_on, day, recorded_at, device)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (id, source) DO NOTHING
            RETURNING network_id, station_id, item, kind, CASE WHEN source = 3 THEN -quantity ELSE quantity END AS quantity, change, expires_on, day),
        {SupplyRollups.FromAdded}
        """;

    public async Task<IReadOnlyList<SupplyItem>> CatalogAsync(string networkId, CancellationToken ct = default) => await Guard(async () =>
    {
        await using var cmd = db.CreateCommand(
            "SELECT item, name, name_en, unit, expires, low_at, service, unit_en FROM stationnet_supply_items WHERE network_id = $1 ORDER BY position");
        cmd.Parameters.Add(new() { Value = networkId });
        var items = new List<SupplyItem>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            items.Add(new SupplyItem(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4),
                reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return (IReadOnlyList<SupplyItem>)items;
    });

    public async Task SetCatalogAsync(string networkId, IReadOnlyList<SupplyItem> items, CancellationToken ct = default) => await Guard(async () =>
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, tx);
        var delete = new NpgsqlBatchCommand("DELETE FROM stationnet_supply_items WHERE network_id = $1");
        delete.Parameters.Add(new() { Value = networkId });
        batch.BatchCommands.Add(delete);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO stationnet_supply_items (network_id, item, position, name, name_en, unit, expires, low_at, service, unit_en)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                """);
            foreach (var value in new object[] { networkId, item.Id, (short)i, item.Name, item.NameEn, item.Unit, item.Expires, item.LowAt })
            {
                insert.Parameters.Add(new() { Value = value });
            }
            insert.Parameters.Add(new() { Value = (object?)item.Service ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            insert.Parameters.Add(new() { Value = (object?)item.UnitEn ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            batch.BatchCommands.Add(insert);
        }
        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    });

    public async Task<bool> AppendAsync(SupplyMovement m, CancellationToken ct = default) => await Guard(async () =>
    {
        await using var cmd = db.CreateCommand(InsertMovement);
        foreach (var value in new object[] { m.Id, m.NetworkId, m.StationId, m.Item, m.Kind, m.Quantity })
        {
            cmd.Parameters.Add(new() { Value = value });
        }
        AddWhenAndWho(cmd, m);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    });

    public async Task<bool> VoidAsync(SupplyMovement movement, DateTimeOffset recordedAt, string? device, CancellationToken ct = default) => await Guard(async () =>
    {
        await using var cmd = db.CreateCommand(InsertVoid);
        cmd.Parameters.Add(new() { Value = movement.Id });
        cmd.Parameters.Add(new() { Value = recordedAt.ToUniversalTime() });
        cmd.Parameters.Add(new() { Value = (object?)device ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        return await cmd.ExecuteScalarAsync(ct) is not null;
    });

    public async Task<bool> IsVoidedAsync(Guid id, CancellationToken ct = default) => await Guard(async () =>
    {
        await using var cmd = db.CreateCommand("SELECT 1 FROM stationnet_supply_movements WHERE id = $1 AND source = 3");
        cmd.Parameters.Add(new() { Value = id });
        return await cmd.ExecuteScalarAsync(ct) is not null;
    });

    public async Task<SupplyMovement?> FindAsync(Guid id, CancellationToken ct = default) => await Guard(async () =>
    {
        await using var cmd = db.CreateCommand("""
            SELECT network_id, station_id, item, kind, quantity, expires_on, day, recorded_at, device, change
              FROM stationnet_supply_movements WHERE id = $1 AND source = 0
            """);
        cmd.Parameters.Add(new() { Value = id });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new SupplyMovement(id, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5), reader.GetFieldValue<DateOnly>(6), reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetInt32(9))
            : null;
    });

    public async Task<IReadOnlyList<SupplyStockRow>> StockAsync(string networkId, string? stationId, CancellationToken ct = default) => await Guard(async () =>
    {
        await using var cmd = db.CreateCommand("""
            SELECT s.station_id, s.item, s.on_hand, s.consumed,
                   COALESCE((SELECT array_agg(b.expires_on ORDER BY b.expires_on) FROM stationnet_supply_batches b WHERE b.station_id = s.station_id AND b.item = s.item), '{}'),
                   COALESCE((SELECT array_agg(b.received ORDER BY b.expires_on) FROM stationnet_supply_batches b WHERE b.station_id = s.station_id AND b.item = s.item), '{}')
              FROM stationnet_supply_stock s
             WHERE s.network_id = $1 AND ($2::varchar IS NULL OR s.station_id = $2)
             ORDER BY s.station_id, s.item
            """);
        cmd.Parameters.Add(new() { Value = networkId });
        cmd.Parameters.Add(new() { Value = (object?)stationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        var rows = new List<SupplyStockRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var dates = reader.GetFieldValue<DateOnly[]>(4);
            var received = reader.GetFieldValue<int[]>(5);
            rows.Add(new SupplyStockRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3),
                dates.Zip(received, (d, q) => new SupplyBatch(d, q)).ToList()));
        }
        return (IReadOnlyList<SupplyStockRow>)rows;
    });

    public async Task<IReadOnlyList<SupplyTotals>> TotalsAsync(string networkId, DateOnly from, DateOnly to, string? stationId, CancellationToken ct = default) =>
        await Guard(async () =>
        {
            await using var cmd = db.CreateCommand("""
                SELECT station_id, item, sum(received)::int, sum(handed_out)::int, sum(discarded)::int, sum(adjusted)::int
                  FROM stationnet_supply_daily
                 WHERE network_id = $1 AND day BETWEEN $2 AND $3 AND ($4::varchar IS NULL OR station_id = $4)
                 GROUP BY station_id, item ORDER BY station_id, item
                """);
            cmd.Parameters.Add(new() { Value = networkId });
            cmd.Parameters.Add(new() { Value = from });
            cmd.Parameters.Add(new() { Value = to });
            cmd.Parameters.Add(new() { Value = (object?)stationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            var rows = new List<SupplyTotals>();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new SupplyTotals(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5)));
            }
            return (IReadOnlyList<SupplyTotals>)rows;
        });

    public async IAsyncEnumerable<SupplyEntry> EntriesAsync(string networkId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT id, source, network_id, station_id, item, kind, quantity, expires_on, day, recorded_at, device, change
              FROM stationnet_supply_movements WHERE network_id = $1 ORDER BY recorded_at, id, source
            """);
        cmd.Parameters.Add(new() { Value = networkId });
        await using var reader = await Guard(async () => await cmd.ExecuteReaderAsync(ct));
        while (await reader.ReadAsync(ct))
        {
            yield return new SupplyEntry((SupplySource)reader.GetInt16(1), new SupplyMovement(reader.GetGuid(0), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7),
                reader.GetFieldValue<DateOnly>(8), reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetString(10), reader.GetInt32(11)));
        }
    }

    /// <summary>A movement's expiry, day, time and device: the last parameters of a new and a restored movement alike.</summary>
    private static void AddWhenAndWho(NpgsqlCommand cmd, SupplyMovement m)
    {
        cmd.Parameters.Add(new() { Value = m.ExpiresOn is { } on ? on : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new() { Value = m.Day });
        cmd.Parameters.Add(new() { Value = m.RecordedAt.ToUniversalTime() });
        cmd.Parameters.Add(new() { Value = (object?)m.Device ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
    }

    public async Task<bool> RestoreAsync(SupplyEntry record, CancellationToken ct = default) => await Guard(async () =>
    {
        var m = record.Movement;
        await using var cmd = db.CreateCommand(RestoreMovement);
        foreach (var value in new object[] { m.Id, (short)record.Source, m.NetworkId, m.StationId, m.Item, m.Kind, m.Quantity, m.Change })
        {
            cmd.Parameters.Add(new() { Value = value });
        }
        AddWhenAndWho(cmd, m);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    });

    public async Task<IReadOnlyList<SupplyDay>> DaysAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        await Guard(async () =>
        {
            // The days before the year fold into one row per item, dated the item's first day at the station.
            await using var cmd = db.CreateCommand("""
                SELECT station_id, item, min(day), sum(received - handed_out - discarded + adjusted)::int, sum(handed_out + discarded - adjusted)::int
                  FROM stationnet_supply_daily
                 WHERE network_id = $1 AND day <= $3
                 GROUP BY station_id, item, CASE WHEN day < $2 THEN NULL ELSE day END
                """);
            cmd.Parameters.Add(new() { Value = networkId });
            cmd.Parameters.Add(new() { Value = from });
            cmd.Parameters.Add(new() { Value = to });
            var rows = new List<SupplyDay>();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new SupplyDay(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetInt32(3), reader.GetInt32(4)));
            }
            return (IReadOnlyList<SupplyDay>)rows;
        });

    public async Task<IReadOnlyList<SupplyReceipt>> ReceiptsAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        await Guard(async () =>
        {
            await using var cmd = db.CreateCommand("""
                SELECT station_id, item, min(day), expires_on, sum(received)::int
                  FROM stationnet_supply_receipts
                 WHERE network_id = $1 AND day <= $3
                 GROUP BY station_id, item, expires_on, CASE WHEN day < $2 THEN NULL ELSE day END
                """);
            cmd.Parameters.Add(new() { Value = networkId });
            cmd.Parameters.Add(new() { Value = from });
            cmd.Parameters.Add(new() { Value = to });
            var rows = new List<SupplyReceipt>();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new SupplyReceipt(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetFieldValue<DateOnly>(3), reader.GetInt32(4)));
            }
            return (IReadOnlyList<SupplyReceipt>)rows;
        });

    /// <summary>A database out of reach is a 503 with Retry-After at the front door, as for events.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception ex) when (ex is not StorageUnavailableException && StorageUnavailableException.IsCause(ex))
        {
            throw new StorageUnavailableException($"The supply journal cannot reach PostgreSQL: {ex.GetBaseException().Message}", ex);
        }
    }
}
