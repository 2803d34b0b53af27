--liquibase formatted sql

--changeset herald:030-audit-log-no-truncate splitStatements:false
-- The row triggers of 001 do not fire on TRUNCATE; a statement trigger does.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

--changeset herald:030-tenant-scoped-parent-keys
-- (tenant_id, id) keys that the composite foreign keys below reference. The id alone is
-- already unique; these keys let a child row name its tenant in the reference as well.
ALTER TABLE event_type ADD CONSTRAINT event_type_tenant_id_uk UNIQUE (tenant_id, id);
ALTER TABLE template ADD CONSTRAINT template_tenant_id_uk UNIQUE (tenant_id, id);
ALTER TABLE subscription ADD CONSTRAINT subscription_tenant_id_uk UNIQUE (tenant_id, id);
ALTER TABLE notification ADD CONSTRAINT notification_tenant_id_uk UNIQUE (tenant_id, id);

--changeset herald:030-tenant-scoped-foreign-keys
-- A row can only point at a row of its own tenant, even through a bug in the code that
-- writes it: the tenant is part of every reference between tenant-owned rows.
ALTER TABLE subscription DROP CONSTRAINT subscription_event_type_id_fkey;
ALTER TABLE subscription ADD CONSTRAINT subscription_event_type_fk
    FOREIGN KEY (tenant_id, event_type_id) REFERENCES event_type (tenant_id, id);

ALTER TABLE notification DROP CONSTRAINT notification_subscription_id_fkey;
ALTER TABLE notification ADD CONSTRAINT notification_subscription_fk
    FOREIGN KEY (tenant_id, subscription_id) REFERENCES subscription (tenant_id, id);
-- template_id is optional: MATCH SIMPLE skips the check when it is null
ALTER TABLE notification DROP CONSTRAINT notification_template_id_fkey;
ALTER TABLE notification ADD CONSTRAINT notification_template_fk
    FOREIGN KEY (tenant_id, template_id) REFERENCES template (tenant_id, id);

ALTER TABLE delivery_attempt DROP CONSTRAINT delivery_attempt_notification_id_fkey;
ALTER TABLE delivery_attempt ADD CONSTRAINT delivery_attempt_notification_fk
    FOREIGN KEY (tenant_id, notification_id) REFERENCES notification (tenant_id, id);

ALTER TABLE sandbox_message DROP CONSTRAINT sandbox_message_notification_id_fkey;
ALTER TABLE sandbox_message ADD CONSTRAINT sandbox_message_notification_fk
    FOREIGN KEY (tenant_id, notification_id) REFERENCES notification (tenant_id, id);
