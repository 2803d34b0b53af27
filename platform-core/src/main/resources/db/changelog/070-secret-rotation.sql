--liquibase formatted sql

--changeset herald:070-secret-rotation
-- Re-encryption of every stored secret under the active key (herald.crypto.active-key), one
-- row per key that became active. A worker holds the lease (lease_token, claimed_until) while
-- it works through the secret tables in primary-key order; store and cursor say where the
-- current pass is, so another worker resumes it after a crash. A pass that finds secrets it
-- cannot decrypt counts them in failed (rows named in the worker's log) and leaves them.
-- Platform-wide: no tenant_id, nothing here is a tenant's.
CREATE TABLE secret_rotation (
    key_id        varchar(32) PRIMARY KEY,
    status        varchar(16) NOT NULL,
    store         varchar(32),
    cursor        text,
    reencrypted   bigint      NOT NULL DEFAULT 0,
    failed        bigint      NOT NULL DEFAULT 0,
    passes        integer     NOT NULL DEFAULT 1,
    activated_at  timestamptz NOT NULL,
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz,
    lease_token   uuid,
    claimed_until timestamptz,
    CONSTRAINT secret_rotation_status_ck CHECK (status IN ('RUNNING', 'DONE'))
);
