-- Tracking codes (issue #6): every accepted submission gets a random code that its reporter uses on the public
-- tracking page /r/track/{code}. Kept on the idempotency row, which exists once per report, whether it created an
-- order or was linked to an open one; a retry with the same key answers the same code. Not the order number: numbers
-- are sequential and guessable, the code is 60 random bits. Portable Derby + PostgreSQL.
ALTER TABLE og_wo_idempotency ADD COLUMN tracking_code VARCHAR(16);
CREATE INDEX og_wo_idempotency_tracking ON og_wo_idempotency (tracking_code);
