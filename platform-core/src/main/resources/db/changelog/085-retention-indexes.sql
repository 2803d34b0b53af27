--liquibase formatted sql

--changeset herald:085-retention-indexes
-- The worker's retention job (decision 0087) deletes finished notifications and old events
-- in bounded batches, oldest first, walking these indexes with a keyset cursor. Without
-- them each batch would read history: notification_finished_idx walks one final status's
-- rows by updated_at (the time the row reached that status), event_received_idx the
-- events by arrival. The two others serve the foreign-key checks of those deletes (and
-- the job's test for rows a running replay job holds): without them PostgreSQL scans
-- replay_job_item or replay_job_event once per deleted row.
CREATE INDEX notification_finished_idx ON notification (status, updated_at, id)
    WHERE status IN ('SENT', 'SUPPRESSED', 'FAILED', 'DEAD');
CREATE INDEX event_received_idx ON event (received_at, tenant_id, event_id);
CREATE INDEX replay_job_item_notification_idx ON replay_job_item (tenant_id, notification_id);
CREATE INDEX replay_job_event_event_idx ON replay_job_event (tenant_id, event_id);
