-- StationNet migration 9: workers' ratings, their follow-ups, and the rollups reports read.
-- Nothing here identifies a person: no IP address, user agent, account or location. device_day is the SHA-256 of the
-- browser's random id with the station and the local day: unique, so a browser rates a station once a day, and
-- unrelated from one day to the next. created_at is kept to the minute. The widths are FeedbackLimits'.

CREATE TABLE stationnet_feedback
(
    id          uuid         NOT NULL PRIMARY KEY,
    network_id  varchar(64)  NOT NULL,
    station_id  varchar(64)  NOT NULL,
    day         date         NOT NULL,
    created_at  timestamptz  NOT NULL,
    rating      smallint     NOT NULL CHECK (rating BETWEEN 1 AND 5),
    tags        varchar(96)  NOT NULL DEFAULT '',
    comment     varchar(200) NULL,
    device_day  varchar(64)  NOT NULL UNIQUE,
    status      varchar(16)  NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in-progress', 'resolved', 'dismissed')),
    resolved_on date         NULL
);

-- Managers list a network's ratings over days, low ratings first.
CREATE INDEX stationnet_feedback_network_day ON stationnet_feedback (network_id, day, rating);

-- Every follow-up step, kept: the history of a complaint.
CREATE TABLE stationnet_feedback_notes
(
    feedback_id uuid         NOT NULL REFERENCES stationnet_feedback (id),
    seq         int          NOT NULL,
    at          timestamptz  NOT NULL,
    status      varchar(16)  NOT NULL CHECK (status IN ('new', 'in-progress', 'resolved', 'dismissed')),
    note        varchar(200) NULL,
    by_account  varchar(64)  NOT NULL,
    PRIMARY KEY (feedback_id, seq)
);

-- Per station and local day: ratings, their sum, complaints (1–2 stars) and how many of them are still open.
CREATE TABLE stationnet_feedback_daily
(
    network_id      varchar(64) NOT NULL,
    station_id      varchar(64) NOT NULL,
    day             date        NOT NULL,
    ratings         int         NOT NULL CHECK (ratings >= 0),
    rating_sum      int         NOT NULL CHECK (rating_sum >= 0),
    complaints      int         NOT NULL CHECK (complaints >= 0),
    open_complaints int         NOT NULL CHECK (open_complaints >= 0),
    PRIMARY KEY (network_id, station_id, day)
);

-- Complaints made on a day and resolved `days` later: the assessment counts those resolved within N days.
CREATE TABLE stationnet_feedback_resolved
(
    network_id varchar(64) NOT NULL,
    station_id varchar(64) NOT NULL,
    day        date        NOT NULL,
    days       int         NOT NULL CHECK (days >= 0),
    count      int         NOT NULL CHECK (count >= 0),
    PRIMARY KEY (network_id, station_id, day, days)
);
