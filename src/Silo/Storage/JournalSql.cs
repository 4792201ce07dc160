namespace StationNet.Silo.Storage;

/// <summary>
/// The SQL of a journal write, in one place: the group commit runs it (<see cref="PostgresJournal"/>), and the
/// bench builds its pgbench script from these very statements, so PostgreSQL's own limit is measured on the work
/// a tap really does (journal, daily, hourly and worker-group rollups, and the linked-supplies statement).
/// </summary>
internal static class JournalSql
{
    /// <summary>
    /// A group commit's events in one statement, whatever their number: the rows come in as arrays (one per column,
    /// in the writer's lock order), the journal takes each whose (event id, kind) it has not got, and each rollup row
    /// is changed once by the sum of what was added to it. One statement and one plan per transaction instead of one
    /// per event: half of PostgreSQL's CPU per event at the group sizes a busy silo sees. It answers the ids it added.
    /// Rollup rows are taken in key order (the ORDER BY), the same order on every silo, so concurrent writers cannot
    /// deadlock each other.
    /// </summary>
    public const string InsertEvents = """
        WITH sent AS (
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::timestamptz[], $7::timestamptz[],
                                 $8::date[], $9::smallint[], $10::text[], $11::text[], $12::text[])
                     AS s(event_id, network_id, station_id, service, quantity, occurred_at, recorded_at, day, hour, attendant, worker_group, device)),
        added AS (
            INSERT INTO stationnet_journal (event_id, kind, network_id, station_id, service, quantity, occurred_at, recorded_at, day, hour, attendant, worker_group, device)
            SELECT event_id, 0, network_id, station_id, service, quantity, occurred_at, recorded_at, day, hour, attendant, worker_group, device FROM sent
            ON CONFLICT (event_id, kind) DO NOTHING
            RETURNING event_id, network_id, day, station_id, service, quantity, hour, worker_group, occurred_at),
        hourly AS (
            INSERT INTO stationnet_hourly (network_id, day, station_id, service, hour, count, last_at)
            SELECT network_id, day, station_id, service, hour, sum(quantity), max(occurred_at) FROM added
             GROUP BY network_id, day, station_id, service, hour ORDER BY network_id, day, station_id, service, hour
            ON CONFLICT (network_id, day, station_id, service, hour)
            DO UPDATE SET count = stationnet_hourly.count + EXCLUDED.count, last_at = GREATEST(stationnet_hourly.last_at, EXCLUDED.last_at)),
        groups AS (
            INSERT INTO stationnet_groups (network_id, day, station_id, worker_group, count)
            SELECT network_id, day, station_id, worker_group, sum(quantity) FROM added WHERE service = 'visit' AND worker_group IS NOT NULL
             GROUP BY network_id, day, station_id, worker_group ORDER BY network_id, day, station_id, worker_group
            ON CONFLICT (network_id, day, station_id, worker_group) DO UPDATE SET count = stationnet_groups.count + EXCLUDED.count),
        daily AS (
            INSERT INTO stationnet_daily (network_id, day, station_id, service, count)
            SELECT network_id, day, station_id, service, sum(quantity) FROM added
             GROUP BY network_id, day, station_id, service ORDER BY network_id, day, station_id, service
            ON CONFLICT (network_id, day, station_id, service) DO UPDATE SET count = stationnet_daily.count + EXCLUDED.count)
        SELECT event_id FROM added
        """;

    public const string InsertVoid = """
        WITH added AS (
            INSERT INTO stationnet_journal (event_id, kind, network_id, station_id, service, quantity, occurred_at, recorded_at, day, hour, attendant, worker_group, device)
            SELECT event_id, 1, network_id, station_id, service, quantity, occurred_at, $2, day, hour, attendant, worker_group, $3
              FROM stationnet_journal WHERE event_id = $1 AND kind = 0
            ON CONFLICT (event_id, kind) DO NOTHING
            RETURNING network_id, day, station_id, service, quantity, hour, worker_group),
        hourly AS (
            UPDATE stationnet_hourly h SET count = h.count - added.quantity
              FROM added
             WHERE h.network_id = added.network_id AND h.day = added.day AND h.station_id = added.station_id
               AND h.service = added.service AND h.hour = added.hour),
        groups AS (
            UPDATE stationnet_groups g SET count = g.count - added.quantity
              FROM added
             WHERE added.service = 'visit' AND g.network_id = added.network_id AND g.day = added.day
               AND g.station_id = added.station_id AND g.worker_group = added.worker_group)
        UPDATE stationnet_daily d SET count = d.count - added.quantity
          FROM added
         WHERE d.network_id = added.network_id AND d.day = added.day AND d.station_id = added.station_id AND d.service = added.service
        RETURNING 1
        """;


    // Only the batch's taps of a linked service look in the journal, each by its primary key: LATERAL … LIMIT 1
    // keeps that an index probe per row whatever the planner believes of a journal's freshly grown size.
    public const string InsertTaps = $"""
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
}
