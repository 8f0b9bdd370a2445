-- The device registry (issue #7): every device that reports to OneGrid, whichever plugin owns it. Online/offline is
-- not stored: it is last_seen compared with the heartbeat timeout (io.onegrid.device), so it never goes stale.
-- Portable Derby + PostgreSQL.
CREATE TABLE og_device (
  code VARCHAR(64) NOT NULL PRIMARY KEY,
  kind VARCHAR(32) NOT NULL,
  town_code VARCHAR(12) NOT NULL,
  region_code VARCHAR(17) NOT NULL,
  lon DOUBLE PRECISION,
  lat DOUBLE PRECISION,
  protocol VARCHAR(16) NOT NULL,
  plugin VARCHAR(32) NOT NULL,
  last_seen TIMESTAMP,
  created_at TIMESTAMP NOT NULL
);
-- Scoped lists read a range of region codes (ScopeFilter's ranges).
CREATE INDEX og_device_region ON og_device (region_code, code);
