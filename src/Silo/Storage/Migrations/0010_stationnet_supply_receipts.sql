-- StationNet migration 10: batches received per day. stationnet_supply_batches sums each expiry date over all time;
-- the star assessment asks, for each past day, which batches a station held then, so it needs the day a batch came.
-- Written in the same statement as each movement (SupplyRollups), like the other supply rollups; the rows already
-- journaled are summed in once, here. Widths: SupplyLimits.

CREATE TABLE stationnet_supply_receipts
(
    network_id varchar(64) NOT NULL,
    station_id varchar(64) NOT NULL,
    item       varchar(32) NOT NULL,
    expires_on date        NOT NULL,
    day        date        NOT NULL,
    received   integer     NOT NULL,
    PRIMARY KEY (station_id, item, expires_on, day)
);

CREATE INDEX stationnet_supply_receipts_network ON stationnet_supply_receipts (network_id, day);

INSERT INTO stationnet_supply_receipts (network_id, station_id, item, expires_on, day, received)
SELECT network_id, station_id, item, expires_on, day, sum(quantity)
  FROM stationnet_supply_movements
 WHERE kind = 'received' AND expires_on IS NOT NULL
 GROUP BY network_id, station_id, item, expires_on, day;
