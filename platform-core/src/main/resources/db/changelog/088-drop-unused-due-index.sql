--liquibase formatted sql

--changeset herald:088-drop-unused-due-index runInTransaction:false
-- notification_due_idx (next_attempt_at of PENDING and RETRYING rows, across tenants) has
-- served no query since the claims became fair per tenant: they read
-- notification_queued_tenant_idx (tenant_id, next_attempt_at) with the same predicate, and
-- the hand-over claim the primary key. It still took an entry for every notification
-- inserted and every retry scheduled, on the table the hot path writes most (decision
-- 0092). Dropped without blocking writes.
DROP INDEX CONCURRENTLY IF EXISTS notification_due_idx;
