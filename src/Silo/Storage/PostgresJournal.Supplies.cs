using Npgsql;
using NpgsqlTypes;
using StationNet.Grains.Supplies;

namespace StationNet.Silo.Storage;

/// <summary>
/// Linked taps in the group commit: one more statement per batch, not per row. It takes the batch's event ids
/// with the recorded-at time each was sent with, and only a journal row written by this very batch matches it
/// (a resend's time is its own, so a duplicate or a refused change takes nothing). A tap of a service linked to
/// a supply item hands that item out; the void of such a tap puts back exactly what the tap took.
/// </summary>
public sealed partial class PostgresJournal
{
    private const string InsertTaps = $"""
        WITH sent AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::smallint[]) AS s(id, at, source)),
        taken AS (
            SELECT j.event_id AS id, 1::smallint AS source, j.network_id, j.station_id, i.item, j.quantity, -j.quantity AS change,
                   j.day, j.recorded_at, j.device
              FROM sent s
              JOIN stationnet_journal j ON j.event_id = s.id AND j.kind = 0 AND j.recorded_at = s.at
              JOIN stationnet_supply_items i ON i.network_id = j.network_id AND i.service = j.service
             WHERE s.source = 1
            UNION ALL
            SELECT m.id, 2::smallint, m.network_id, m.station_id, m.item, m.quantity, m.quantity, m.day, v.recorded_at, v.device
              FROM sent s
              JOIN stationnet_journal v ON v.event_id = s.id AND v.kind = 1 AND v.recorded_at = s.at
              JOIN stationnet_supply_movements m ON m.id = s.id AND m.source = 1
             WHERE s.source = 2),
        added AS (
            INSERT INTO stationnet_supply_movements (id, source, network_id, station_id, item, kind, quantity, change, expires_on, day, recorded_at, device)
            SELECT id, source, network_id, station_id, item, 'handed-out', quantity, change, NULL, day, recorded_at, device
              FROM taken ORDER BY station_id, item
            ON CONFLICT (id, source) DO NOTHING
            RETURNING network_id, station_id, item, kind, quantity, change, expires_on, day),
        {SupplyRollups.FromAdded}
        """;

    private static NpgsqlBatchCommand TapsCommand(List<Pending> batch)
    {
        var cmd = new NpgsqlBatchCommand(InsertTaps);
        cmd.Parameters.Add(new() { Value = batch.Select(p => p.Entry.EventId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new()
        {
            Value = batch.Select(p => (p.Void?.RecordedAt ?? p.Entry.RecordedAt).ToUniversalTime()).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        });
        cmd.Parameters.Add(new()
        {
            Value = batch.Select(p => (short)(p.Void is null ? SupplySource.Tap : SupplySource.TapVoid)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint,
        });
        return cmd;
    }
}
