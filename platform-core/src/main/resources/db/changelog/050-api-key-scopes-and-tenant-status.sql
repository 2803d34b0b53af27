--liquibase formatted sql

--changeset herald:050-api-key-scopes
-- Scopes are stored space separated (the OAuth 2 scope syntax). Keys issued before scopes
-- existed could do everything, so they keep every scope.
ALTER TABLE api_key ADD COLUMN scopes varchar(200);
UPDATE api_key SET scopes = 'events:write config:read config:write notifications:read replays:write keys:admin';
ALTER TABLE api_key ALTER COLUMN scopes SET NOT NULL;

--changeset herald:050-api-key-hash-scheme
-- 'sha256': the bare SHA-256 of the secret (keys issued before 050); 'hmac-sha256': an
-- HMAC-SHA256 with the server-side pepper (herald.api-keys.pepper). A key of the old
-- scheme is re-hashed on its next successful use.
ALTER TABLE api_key ADD COLUMN hash_scheme varchar(16);
UPDATE api_key SET hash_scheme = 'sha256';
ALTER TABLE api_key ALTER COLUMN hash_scheme SET NOT NULL;
ALTER TABLE api_key ADD CONSTRAINT api_key_hash_scheme_ck CHECK (hash_scheme IN ('sha256', 'hmac-sha256'));

--changeset herald:050-api-key-expiry
ALTER TABLE api_key ADD COLUMN expires_at timestamptz;
-- the key a rotation issued in this key's place
ALTER TABLE api_key ADD COLUMN replaced_by uuid;

--changeset herald:050-tenant-status-and-limits
-- A suspended tenant's API keys are refused and the worker holds its notifications
-- (claims skip rows whose tenant has suspended_at set) until it is resumed.
ALTER TABLE tenant ADD COLUMN suspended_at timestamptz;
-- Ingest quota set by operators; null means no limit.
ALTER TABLE tenant ADD COLUMN ingest_events_per_second integer;
ALTER TABLE tenant ADD COLUMN ingest_burst integer;
ALTER TABLE tenant ADD CONSTRAINT tenant_ingest_limits_ck CHECK (
    (ingest_events_per_second IS NULL AND ingest_burst IS NULL)
    OR (ingest_events_per_second > 0 AND ingest_burst > 0));
