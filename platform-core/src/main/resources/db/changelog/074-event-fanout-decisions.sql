--liquibase formatted sql

--changeset herald:074-event-fanout
-- What fan-out decided for each (event, subscription of its type), recorded in the fan-out
-- transaction with the notifications, so that GET /api/v1/events/{id} explains what happened
-- then, not what today's subscriptions would do (decision 0066). replay_job_id names the
-- backfill job that decided, null for the live fan-out.
CREATE TABLE event_fanout (
    tenant_id       uuid         NOT NULL,
    event_id        varchar(200) NOT NULL,
    subscription_id uuid         NOT NULL,
    channel         varchar(16)  NOT NULL,
    outcome         varchar(16)  NOT NULL,
    reason          text,
    decided_at      timestamptz  NOT NULL,
    replay_job_id   uuid,
    CONSTRAINT event_fanout_pk PRIMARY KEY (tenant_id, event_id, subscription_id),
    CONSTRAINT event_fanout_event_fk FOREIGN KEY (tenant_id, event_id) REFERENCES event (tenant_id, event_id),
    CONSTRAINT event_fanout_outcome_ck
        CHECK (outcome IN ('NOTIFIED', 'FILTERED', 'SUPPRESSED', 'FAILED', 'DISABLED'))
);

--changeset herald:074-subscription-type-idx
-- Fan-out now reads every subscription of a type, disabled ones included, to record them.
CREATE INDEX subscription_type_idx ON subscription (tenant_id, event_type_id);
