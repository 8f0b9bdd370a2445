-- Flood sensing, issue #7 continued: stations that go silent (OFFLINE alarms), retired stations, and raw readings
-- downsampled into minute and hour aggregates before they are purged. Portable Derby + PostgreSQL.

-- offline_after_seconds: this station's silence limit (NULL: the device registry's heartbeat timeout of its kind).
-- last_received: when its newest reading arrived (arrival time, not the device's clock). offline_due: when it counts
-- as offline unless another reading arrives (last_received + its limit); the offline scan reads due stations through
-- its index and claims each by a conditional UPDATE, so the schedule lives in the database and survives restarts.
ALTER TABLE og_flood_station ADD COLUMN offline_after_seconds INTEGER;
ALTER TABLE og_flood_station ADD COLUMN last_received TIMESTAMP;
ALTER TABLE og_flood_station ADD COLUMN offline_due TIMESTAMP;
-- retired_at: taken out of service (DELETE /flood/stations/{code}); kept with its history, readings refused.
ALTER TABLE og_flood_station ADD COLUMN retired_at TIMESTAMP;
-- Downsampling watermarks: raw readings before minute_done are in og_flood_reading_minute, minutes before hour_done
-- in og_flood_reading_hour. A late reading older than a watermark moves it back, so its bucket is computed again.
ALTER TABLE og_flood_station ADD COLUMN minute_done TIMESTAMP;
ALTER TABLE og_flood_station ADD COLUMN hour_done TIMESTAMP;
CREATE INDEX og_flood_station_offline ON og_flood_station (offline_due);

-- Aggregates of a station's readings per minute and per hour (bucket = its start, UTC): lowest, highest, mean (over
-- the readings), the last one (by observation time) and how many. Kept for years; raw readings only for days.
CREATE TABLE og_flood_reading_minute (
  station_code VARCHAR(64) NOT NULL,
  bucket TIMESTAMP NOT NULL,
  min_level DOUBLE PRECISION NOT NULL,
  max_level DOUBLE PRECISION NOT NULL,
  avg_level DOUBLE PRECISION NOT NULL,
  last_level DOUBLE PRECISION NOT NULL,
  readings INTEGER NOT NULL,
  PRIMARY KEY (station_code, bucket)
);

CREATE TABLE og_flood_reading_hour (
  station_code VARCHAR(64) NOT NULL,
  bucket TIMESTAMP NOT NULL,
  min_level DOUBLE PRECISION NOT NULL,
  max_level DOUBLE PRECISION NOT NULL,
  avg_level DOUBLE PRECISION NOT NULL,
  last_level DOUBLE PRECISION NOT NULL,
  readings INTEGER NOT NULL,
  PRIMARY KEY (station_code, bucket)
);
