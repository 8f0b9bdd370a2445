-- The audit log (io.onegrid.api.audit): append-only, hash-chained. id is assigned by the service (previous + 1,
-- under a table lock), not by the database, so that the chain order is the id order and a gap means a deleted record.
-- occurred_at holds UTC wall-clock time at millisecond precision: part of the hash, it must read back identically on
-- every node whatever its time zone.
CREATE TABLE og_audit (
  id BIGINT NOT NULL PRIMARY KEY,
  occurred_at TIMESTAMP NOT NULL,
  actor VARCHAR(100) NOT NULL,
  action VARCHAR(100) NOT NULL,
  target VARCHAR(200),
  detail VARCHAR(2000),
  address VARCHAR(64),
  previous_hash CHAR(64) NOT NULL,
  hash CHAR(64) NOT NULL
);
CREATE INDEX og_audit_actor ON og_audit (actor);
CREATE INDEX og_audit_action ON og_audit (action);
CREATE INDEX og_audit_target ON og_audit (target);
