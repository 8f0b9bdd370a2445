-- Analytics (postgresql): columns written with each order so that figures group by the installation's day and hour and
-- measure handling without date arithmetic in queries (which differs between Derby and PostgreSQL), and the indexes
-- the analytics queries use. Rows older than this migration get the day and hour of the database's local time, and
-- no resolved_at (the trail keeps UTC, created_at local time: they cannot be mixed portably here), so that orders
-- resolved before it count in the state figures but not in on-time rate and handling time.

-- created_day: yyyymmdd and created_hour: 0-23 of created_at in the installation's time zone.
ALTER TABLE og_workorder ADD COLUMN created_day INTEGER;
ALTER TABLE og_workorder ADD COLUMN created_hour INTEGER;
-- resolved_at: when the handler last resolved it (办结), cleared on reopen; handling_seconds: resolved_at - created_at.
ALTER TABLE og_workorder ADD COLUMN resolved_at TIMESTAMP;
ALTER TABLE og_workorder ADD COLUMN handling_seconds BIGINT;

UPDATE og_workorder SET created_day = CAST(EXTRACT(YEAR FROM created_at) * 10000 + EXTRACT(MONTH FROM created_at) * 100 + EXTRACT(DAY FROM created_at) AS INTEGER), created_hour = CAST(EXTRACT(HOUR FROM created_at) AS INTEGER);

-- Scope (region prefix or department) with a period; open orders past their deadline; orders resolved on a day.
CREATE INDEX og_workorder_region_created ON og_workorder (region_code, created_at);
CREATE INDEX og_workorder_dept_created ON og_workorder (department, created_at);
CREATE INDEX og_workorder_state_deadline ON og_workorder (state, deadline);
CREATE INDEX og_workorder_resolved ON og_workorder (resolved_at);
