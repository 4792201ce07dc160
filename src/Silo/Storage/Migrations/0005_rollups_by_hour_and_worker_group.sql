-- StationNet migration 5 (second part): rollups by hour and by worker group, so that a station or network
-- grain waking up, the midnight roll-over, and the compliance, yearly and station-by-hour reports read sums
-- instead of the journal's rows. Both are written in the same transaction as the journal row they sum,
-- like stationnet_daily; a void takes its quantity off again and leaves the row (count 0 still says the
-- station logged something in that hour, which is what the compliance report asks).

CREATE TABLE stationnet_hourly
(
    network_id varchar(64) NOT NULL,
    day        date        NOT NULL,
    station_id varchar(64) NOT NULL,
    service    varchar(32) NOT NULL,
    hour       smallint    NOT NULL CHECK (hour BETWEEN 0 AND 23),
    count      integer     NOT NULL,
    last_at    timestamptz NOT NULL, -- the latest occurred_at of the hour's events, voided or not (as a station's live picture keeps it)
    PRIMARY KEY (network_id, day, station_id, service, hour)
);

CREATE INDEX stationnet_hourly_station_day ON stationnet_hourly (station_id, day);

-- Visits by the anonymous category of the person served.
CREATE TABLE stationnet_groups
(
    network_id   varchar(64) NOT NULL,
    day          date        NOT NULL,
    station_id   varchar(64) NOT NULL,
    worker_group varchar(32) NOT NULL,
    count        integer     NOT NULL,
    PRIMARY KEY (network_id, day, station_id, worker_group)
);

-- What the journal already holds.
INSERT INTO stationnet_hourly (network_id, day, station_id, service, hour, count, last_at)
SELECT e.network_id, e.day, e.station_id, e.service, e.hour,
       sum(CASE WHEN v.event_id IS NULL THEN e.quantity ELSE 0 END)::integer, max(e.occurred_at)
  FROM stationnet_journal e
  LEFT JOIN stationnet_journal v ON v.event_id = e.event_id AND v.kind = 1
 WHERE e.kind = 0
 GROUP BY e.network_id, e.day, e.station_id, e.service, e.hour;

INSERT INTO stationnet_groups (network_id, day, station_id, worker_group, count)
SELECT e.network_id, e.day, e.station_id, e.worker_group,
       sum(CASE WHEN v.event_id IS NULL THEN e.quantity ELSE 0 END)::integer
  FROM stationnet_journal e
  LEFT JOIN stationnet_journal v ON v.event_id = e.event_id AND v.kind = 1
 WHERE e.kind = 0 AND e.service = 'visit' AND e.worker_group IS NOT NULL
 GROUP BY e.network_id, e.day, e.station_id, e.worker_group;
