-- StationNet migration 8: supplies. A network's supply catalog, the append-only movements of each station's stock,
-- and the rollups written in the same transaction as each movement: stock on hand, batches received by expiry
-- date, and movements per day (which the supplies report reads). Widths and ranges: SupplyLimits.

CREATE TABLE stationnet_supply_items
(
    network_id varchar(64) NOT NULL,
    item       varchar(32) NOT NULL,
    position   smallint    NOT NULL CHECK (position BETWEEN 0 AND 99),
    name       varchar(40) NOT NULL,
    name_en    varchar(40) NOT NULL,
    unit       varchar(16) NOT NULL,
    expires    boolean     NOT NULL,
    low_at     integer     NOT NULL CHECK (low_at BETWEEN 0 AND 100000),
    service    varchar(32) NULL, -- a tap of this service takes one unit per quantity
    PRIMARY KEY (network_id, item)
);

-- A tap takes from one item at most.
CREATE UNIQUE INDEX stationnet_supply_items_service ON stationnet_supply_items (network_id, service) WHERE service IS NOT NULL;

-- source 0: a movement a tablet or administrator sent (its id is theirs); 1: a linked tap's hand-out (the event's id);
-- 2: the void of that tap, putting the units back. change is what the row did to the stock on hand.
CREATE TABLE stationnet_supply_movements
(
    id          uuid        NOT NULL,
    source      smallint    NOT NULL CHECK (source IN (0, 1, 2)),
    network_id  varchar(64) NOT NULL,
    station_id  varchar(64) NOT NULL,
    item        varchar(32) NOT NULL,
    kind        varchar(16) NOT NULL CHECK (kind IN ('received', 'handed-out', 'counted', 'discarded')),
    quantity    integer     NOT NULL CHECK (quantity BETWEEN 0 AND 100000),
    change      integer     NOT NULL,
    expires_on  date        NULL,
    day         date        NOT NULL, -- local day of recorded_at (a tap: the event's day)
    recorded_at timestamptz NOT NULL,
    device      varchar(64) NULL,
    PRIMARY KEY (id, source)
);

CREATE INDEX stationnet_supply_movements_station ON stationnet_supply_movements (station_id, recorded_at);

-- consumed: every unit that left (handed out, discarded, missing at a count), for the batches still on hand.
CREATE TABLE stationnet_supply_stock
(
    network_id varchar(64) NOT NULL,
    station_id varchar(64) NOT NULL,
    item       varchar(32) NOT NULL,
    on_hand    integer     NOT NULL,
    consumed   integer     NOT NULL,
    PRIMARY KEY (station_id, item)
);

CREATE INDEX stationnet_supply_stock_network ON stationnet_supply_stock (network_id);

CREATE TABLE stationnet_supply_batches
(
    network_id varchar(64) NOT NULL,
    station_id varchar(64) NOT NULL,
    item       varchar(32) NOT NULL,
    expires_on date        NOT NULL,
    received   integer     NOT NULL,
    PRIMARY KEY (station_id, item, expires_on)
);

CREATE INDEX stationnet_supply_batches_network ON stationnet_supply_batches (network_id);

-- adjusted: what counts changed the level by (count less what was on hand), a column of its own in the report.
CREATE TABLE stationnet_supply_daily
(
    network_id varchar(64) NOT NULL,
    day        date        NOT NULL,
    station_id varchar(64) NOT NULL,
    item       varchar(32) NOT NULL,
    received   integer     NOT NULL,
    handed_out integer     NOT NULL,
    discarded  integer     NOT NULL,
    adjusted   integer     NOT NULL,
    PRIMARY KEY (network_id, day, station_id, item)
);
