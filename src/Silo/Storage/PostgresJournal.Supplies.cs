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
    // Only the batch's taps of a linked service look in the journal, each by its primary key: LATERAL … LIMIT 1
    // keeps that an index probe per row whatever the planner believes of a journal's freshly grown size.
    private const string InsertTaps = $"""
        WITH sent AS (
            SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::smallint[], $4::text[], $5::text[]) AS s(id, at, source, network_id, service)),
        taken AS (
            SELECT j.event_id AS id, 1::smallint AS source, j.network_id, j.station_id, i.item, j.quantity, -j.quantity AS change,
                   j.day, j.recorded_at, j.device
              FROM sent s
              JOIN stationnet_supply_items i ON i.network_id = s.network_id AND i.service = s.service
             CROSS JOIN LATERAL (SELECT * FROM stationnet_journal
                                  WHERE event_id = s.id AND kind = 0 AND recorded_at = s.at AND network_id = s.network_id AND service = s.service
                                  LIMIT 1) j
             WHERE s.source = 1
            UNION ALL
            SELECT m.id, 2::smallint, m.network_id, m.station_id, m.item, m.quantity, m.quantity, m.day, v.recorded_at, v.device
              FROM sent s
             CROSS JOIN LATERAL (SELECT * FROM stationnet_supply_movements WHERE id = s.id AND source = 1 LIMIT 1) m
             CROSS JOIN LATERAL (SELECT recorded_at, device FROM stationnet_journal WHERE event_id = s.id AND kind = 1 AND recorded_at = s.at LIMIT 1) v
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
        cmd.Parameters.Add(new() { Value = batch.Select(p => p.Entry.NetworkId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = batch.Select(p => p.Entry.Service).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return cmd;
    }
}
