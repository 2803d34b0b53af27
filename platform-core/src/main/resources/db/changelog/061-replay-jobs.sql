--liquibase formatted sql

--changeset herald:061-replay-job-run
-- Replay jobs run in the worker: a lease (lease_token, claimed_until) so that one worker runs
-- a job and another resumes it after a crash, the counts, and the fixed set of rows
-- (replay_job_item) taken when the job starts.
UPDATE replay_job SET status = 'SUCCEEDED' WHERE status = 'DONE';
ALTER TABLE replay_job ADD COLUMN rate_per_second integer;
ALTER TABLE replay_job ADD COLUMN processed integer NOT NULL DEFAULT 0;
ALTER TABLE replay_job ADD COLUMN skipped integer NOT NULL DEFAULT 0;
ALTER TABLE replay_job ADD COLUMN started_at timestamptz;
ALTER TABLE replay_job ADD COLUMN error text;
ALTER TABLE replay_job ADD COLUMN items_fixed boolean NOT NULL DEFAULT false;
ALTER TABLE replay_job ADD COLUMN lease_token uuid;
ALTER TABLE replay_job ADD COLUMN claimed_until timestamptz;
ALTER TABLE replay_job ADD CONSTRAINT replay_job_status_ck
    CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'));
CREATE INDEX replay_job_open_idx ON replay_job (created_at) WHERE status IN ('PENDING', 'RUNNING');
CREATE INDEX replay_job_tenant_idx ON replay_job (tenant_id, created_at);

--changeset herald:061-replay-job-item
-- The notifications a job covers, fixed by one INSERT … SELECT when it starts, with the status
-- and attempt series seen then. An item is marked done in the transaction that requeues its
-- notification, so a resumed job never requeues it again.
CREATE TABLE replay_job_item (
    job_id          uuid        NOT NULL REFERENCES replay_job (id),
    notification_id uuid        NOT NULL,
    tenant_id       uuid        NOT NULL,
    seen_status     varchar(16) NOT NULL,
    seen_series     integer     NOT NULL,
    done            boolean     NOT NULL DEFAULT false,
    requeued        boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (job_id, notification_id),
    CONSTRAINT replay_job_item_notification_fk FOREIGN KEY (tenant_id, notification_id)
        REFERENCES notification (tenant_id, id)
);
CREATE INDEX replay_job_item_open_idx ON replay_job_item (job_id, notification_id) WHERE NOT done;
