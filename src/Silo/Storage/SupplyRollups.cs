namespace StationNet.Silo.Storage;

/// <summary>
/// The supply rollups, written from the movements a statement has just added (a CTE named <c>added</c> returning
/// network_id, station_id, item, kind, quantity, change, expires_on, day), in that statement: stock on hand and
/// what has left, batches received by expiry date (in all, and per day received), and movements per day. Rows are summed per key first (one
/// statement may add several rows of a key) and taken in key order, the one lock order of every writer.
/// </summary>
internal static class SupplyRollups
{
    public const string FromAdded = """
        stock AS (
            INSERT INTO stationnet_supply_stock AS s (network_id, station_id, item, on_hand, consumed)
            SELECT network_id, station_id, item, sum(change), sum(CASE WHEN kind = 'received' THEN 0 ELSE -change END)
              FROM added GROUP BY network_id, station_id, item ORDER BY station_id, item
            ON CONFLICT (station_id, item) DO UPDATE SET on_hand = s.on_hand + EXCLUDED.on_hand, consumed = s.consumed + EXCLUDED.consumed),
        batches AS (
            INSERT INTO stationnet_supply_batches AS b (network_id, station_id, item, expires_on, received)
            SELECT network_id, station_id, item, expires_on, sum(quantity)
              FROM added WHERE kind = 'received' AND expires_on IS NOT NULL
             GROUP BY network_id, station_id, item, expires_on ORDER BY station_id, item, expires_on
            ON CONFLICT (station_id, item, expires_on) DO UPDATE SET received = b.received + EXCLUDED.received),
        receipts AS (
            INSERT INTO stationnet_supply_receipts AS r (network_id, station_id, item, expires_on, day, received)
            SELECT network_id, station_id, item, expires_on, day, sum(quantity)
              FROM added WHERE kind = 'received' AND expires_on IS NOT NULL
             GROUP BY network_id, station_id, item, expires_on, day ORDER BY station_id, item, expires_on, day
            ON CONFLICT (station_id, item, expires_on, day) DO UPDATE SET received = r.received + EXCLUDED.received)
        INSERT INTO stationnet_supply_daily AS d (network_id, day, station_id, item, received, handed_out, discarded, adjusted)
        SELECT network_id, day, station_id, item,
               sum(CASE WHEN kind = 'received' THEN quantity ELSE 0 END), sum(CASE WHEN kind = 'handed-out' THEN -change ELSE 0 END),
               sum(CASE WHEN kind = 'discarded' THEN quantity ELSE 0 END), sum(CASE WHEN kind = 'counted' THEN change ELSE 0 END)
          FROM added GROUP BY network_id, day, station_id, item ORDER BY network_id, day, station_id, item
        ON CONFLICT (network_id, day, station_id, item) DO UPDATE SET
            received = d.received + EXCLUDED.received, handed_out = d.handed_out + EXCLUDED.handed_out,
            discarded = d.discarded + EXCLUDED.discarded, adjusted = d.adjusted + EXCLUDED.adjusted
        RETURNING 1
        """;
}
