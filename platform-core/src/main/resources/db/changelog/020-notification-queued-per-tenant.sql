--liquibase formatted sql

--changeset herald:020-notification-queued-per-tenant
-- The dispatcher's fair claim: finds the tenants with queued rows by a skip scan, then each
-- tenant's oldest due rows, without reading the other tenants' backlog.
CREATE INDEX notification_queued_tenant_idx ON notification (tenant_id, next_attempt_at)
    WHERE status IN ('PENDING', 'RETRYING');
