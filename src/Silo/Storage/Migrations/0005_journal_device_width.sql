-- StationNet migration 5: the journal's device column holds a tablet's id or, for a void by an
-- administrator, the account's user name, which may be 64 characters (JournalLimits.Device).
-- Widening a varchar rewrites nothing.
ALTER TABLE stationnet_journal ALTER COLUMN device TYPE varchar(64);
