-- StationNet migration 3: the append-only event journal and the daily rollup.
-- Every accepted event is a row of kind 0; every void is a new row of kind 1 with the same event id,
-- copying what it takes back. The primary key (event_id, kind) makes an event count once and be
-- voided once, whichever silo writes it and however often it is sent.

CREATE TABLE stationnet_journal
(
    event_id     uuid        NOT NULL,
    kind         smallint    NOT NULL CHECK (kind IN (0, 1)), -- 0 event, 1 void
    network_id   varchar(64) NOT NULL,
    station_id   varchar(64) NOT NULL,
    service      varchar(32) NOT NULL,
    quantity     integer     NOT NULL CHECK (quantity BETWEEN 1 AND 50),
    occurred_at  timestamptz NOT NULL,
    recorded_at  timestamptz NOT NULL,
    day          date        NOT NULL, -- local day of occurred_at in the network's time zone
    hour         smallint    NOT NULL CHECK (hour BETWEEN 0 AND 23),
    attendant    varchar(40) NULL,
    worker_group varchar(32) NULL,
    device       varchar(40) NULL,
    PRIMARY KEY (event_id, kind)
);

-- A station grain waking up rebuilds its day; a network grain rebuilds all its stations' day.
CREATE INDEX stationnet_journal_station_day ON stationnet_journal (station_id, day);
CREATE INDEX stationnet_journal_network_day ON stationnet_journal (network_id, day);

-- The daily rollup: network, station, local day, service -> count (events less voids).
-- Written in the same transaction as the journal rows it sums.
CREATE TABLE stationnet_daily
(
    network_id varchar(64) NOT NULL,
    day        date        NOT NULL,
    station_id varchar(64) NOT NULL,
    service    varchar(32) NOT NULL,
    count      integer     NOT NULL,
    PRIMARY KEY (network_id, day, station_id, service)
);

-- Reports ask for a range of days of a network (the primary key) or of one station (this index).
CREATE INDEX stationnet_daily_station_day ON stationnet_daily (station_id, day);
