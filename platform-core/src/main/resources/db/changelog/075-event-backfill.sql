--liquibase formatted sql

--changeset herald:075-event-backfill
-- EVENTS replay jobs (backfill, decision 0067): the stored events a job covers, fixed by one
-- INSERT … SELECT when it starts; an item is marked done in the transaction that fans it out,
-- so a resumed job never fans an event out twice (and the notification unique key would stop
-- it anyway). replay_job.created counts the notifications a backfill created.
ALTER TABLE replay_job ADD COLUMN created integer NOT NULL DEFAULT 0;
CREATE TABLE replay_job_event (
    job_id    uuid         NOT NULL REFERENCES replay_job (id),
    tenant_id uuid         NOT NULL,
    event_id  varchar(200) NOT NULL,
    done      boolean      NOT NULL DEFAULT false,
    created   integer      NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, tenant_id, event_id),
    CONSTRAINT replay_job_event_event_fk FOREIGN KEY (tenant_id, event_id) REFERENCES event (tenant_id, event_id)
);
CREATE INDEX replay_job_event_open_idx ON replay_job_event (job_id, tenant_id, event_id) WHERE NOT done;
