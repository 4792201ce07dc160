-- StationNet migration 6: the mark that a network's history was imported (the sample network's ~400 days
-- of past taps, written to the journal and the daily rollup in the same transaction as this row).
-- Its primary key makes the import happen once, however often and on however many silos the app starts.
CREATE TABLE stationnet_history_import
(
    network_id  varchar(64)      NOT NULL PRIMARY KEY,
    imported_at timestamptz      NOT NULL DEFAULT now(),
    events      bigint           NOT NULL,
    seconds     double precision NOT NULL -- generating and writing the events, in one transaction
);
