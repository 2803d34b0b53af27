--liquibase formatted sql

--changeset herald:077-dead-letter-redrive
-- Dead letters already re-driven to herald.events, by their position on the dead-letter topic,
-- so that a second re-drive of the same filter re-publishes nothing (decision 0069). A row is
-- inserted in the transaction that waits for the re-publish, so a failed publish leaves no row.
CREATE TABLE dead_letter_redrive (
    topic         varchar(249) NOT NULL,
    dlq_partition integer      NOT NULL,
    dlq_offset    bigint       NOT NULL,
    tenant_id     uuid,
    event_id      varchar(255),
    redriven_by   varchar(255) NOT NULL,
    redriven_at   timestamptz  NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (topic, dlq_partition, dlq_offset)
);
