-- StationNet migration 4: ASP.NET Core data-protection keys, shared by every silo, so a sign-in
-- cookie or antiforgery token made by one silo is read by all of them.
CREATE TABLE stationnet_data_protection_keys
(
    friendly_name varchar(200) NOT NULL PRIMARY KEY,
    xml           text         NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now()
);
