-- StationNet migration 8 (second part, after 0008_stationnet_supplies by name): a supply item's unit in English,
-- optional (the Chinese unit is shown when it is absent). Width: SupplyLimits.Unit.
ALTER TABLE stationnet_supply_items ADD COLUMN unit_en varchar(16) NULL;
