-- StationNet migration 7: opening records and the sessions they make.
-- Every open, close and status-changing heartbeat is an append-only row of stationnet_opening, with the tablet
-- (device) or account (opened_by) that sent it. An open starts a row of stationnet_opening_sessions and a close
-- ends it, in the same transaction: reports and grains read sessions, never the raw records.

CREATE TABLE stationnet_opening
(
    id         uuid        NOT NULL PRIMARY KEY,
    network_id varchar(64) NOT NULL,
    station_id varchar(64) NOT NULL,
    kind       varchar(16) NOT NULL CHECK (kind IN ('open', 'close', 'heartbeat')),
    at         timestamptz NOT NULL,
    device     varchar(64) NULL,
    by_account varchar(64) NULL
);

CREATE INDEX stationnet_opening_station_at ON stationnet_opening (station_id, at DESC);

CREATE TABLE stationnet_opening_sessions
(
    network_id varchar(64) NOT NULL,
    station_id varchar(64) NOT NULL,
    opened_at  timestamptz NOT NULL,
    closed_at  timestamptz NULL CHECK (closed_at IS NULL OR closed_at >= opened_at),
    opened_by  varchar(64) NULL,
    PRIMARY KEY (station_id, opened_at)
);

-- At most one open session per station, whichever silo writes.
CREATE UNIQUE INDEX stationnet_opening_sessions_one_open ON stationnet_opening_sessions (station_id) WHERE closed_at IS NULL;
-- Compliance reads a network's sessions over a range of time.
CREATE INDEX stationnet_opening_sessions_network ON stationnet_opening_sessions (network_id, opened_at);
