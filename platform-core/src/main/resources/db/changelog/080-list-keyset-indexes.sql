--liquibase formatted sql

--changeset herald:080-notification-list-keyset
-- The notification list pages newest first by (created_at, id) within a tenant (keyset
-- cursor, decision 0072): this index answers a page without sorting the tenant's history.
CREATE INDEX notification_tenant_created_idx ON notification (tenant_id, created_at, id);

--changeset herald:080-notification-template
-- Deleting a template checks (and the foreign key enforces) that no notification was rendered
-- from one of its versions; without this index both read the whole outbox.
CREATE INDEX notification_template_idx ON notification (template_id) WHERE template_id IS NOT NULL;

--changeset herald:080-subscription-template
-- Deleting a template checks that no subscription renders it.
CREATE INDEX subscription_template_idx ON subscription (tenant_id, template_name, channel);
