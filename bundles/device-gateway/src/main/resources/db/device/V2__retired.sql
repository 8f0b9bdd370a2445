-- Devices taken out of service (DELETE /devices/{code}, or a plugin retiring its station): kept with their history,
-- no longer listed as silent. Portable Derby + PostgreSQL.
ALTER TABLE og_device ADD COLUMN retired_at TIMESTAMP;
