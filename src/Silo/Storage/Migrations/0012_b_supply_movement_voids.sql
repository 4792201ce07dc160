-- StationNet migration 12b: a sent supply movement can be undone. The undo is a new row of the append-only movements
-- (source 3, the movement's id, kind and day, the opposite change); rows are never changed or deleted.
ALTER TABLE stationnet_supply_movements DROP CONSTRAINT stationnet_supply_movements_source_check;
ALTER TABLE stationnet_supply_movements ADD CONSTRAINT stationnet_supply_movements_source_check CHECK (source IN (0, 1, 2, 3));
