--liquibase formatted sql

--changeset herald:078-idempotency-record
-- Idempotency-Key records of the API (decision 0071) for when Redis is unavailable; Redis
-- holds them otherwise. principal is 'tenant:<id>' or 'operator:<name>', key_hash the
-- SHA-256 of the client's key, fingerprint the SHA-256 of method, path, query and body.
-- A row is IN_PROGRESS while its request runs (expires_at short, so that a crashed
-- instance does not hold the key) and DONE with the encrypted response for 24 h. Expired
-- rows are taken over by the next claim and deleted in bounded batches by the API.
CREATE TABLE idempotency_record (
    principal   varchar(300) NOT NULL,
    key_hash    varchar(64)  NOT NULL,
    fingerprint varchar(64)  NOT NULL,
    token       uuid         NOT NULL,
    state       varchar(16)  NOT NULL,
    response    text,
    created_at  timestamptz  NOT NULL,
    expires_at  timestamptz  NOT NULL,
    CONSTRAINT idempotency_record_pk PRIMARY KEY (principal, key_hash),
    CONSTRAINT idempotency_record_state_ck CHECK (state IN ('IN_PROGRESS', 'DONE'))
);
CREATE INDEX idempotency_record_expires_idx ON idempotency_record (expires_at);
