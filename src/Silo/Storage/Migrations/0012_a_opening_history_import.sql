-- StationNet migration 12a: the mark that a network's past opening records were imported (the sample's opening sessions
-- for its history days), on the history import's own row, set in the transaction that writes them: once, however
-- often and on however many silos the app starts. NULL: not imported yet (an install from before this migration gets
-- them on its next start). A network with opening history and no event history gets a row with events 0.
ALTER TABLE stationnet_history_import ADD COLUMN openings bigint NULL;
