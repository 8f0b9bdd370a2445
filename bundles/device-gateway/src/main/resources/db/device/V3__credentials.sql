-- Per-device credentials (issue #7): a device signs in to the broker with its code and its own secret. Only a
-- PBKDF2-HMAC-SHA256 hash is kept ("pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>"), never the secret.
-- Portable Derby + PostgreSQL.
ALTER TABLE og_device ADD COLUMN secret_hash VARCHAR(200);
ALTER TABLE og_device ADD COLUMN credentials_at TIMESTAMP;
