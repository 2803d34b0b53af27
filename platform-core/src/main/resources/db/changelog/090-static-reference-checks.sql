--liquibase formatted sql

--changeset herald:090-static-reference-checks splitStatements:false
-- The insert-side checks of changeset 089, written out per table: one statement per trigger
-- call whose parse PL/pgSQL keeps (089 built and parsed two statements per reference per
-- call with EXECUTE), and one trigger for the three references of a notification instead of
-- three. At 1,000 events/s a worker batch holds a few events, so what a check costs per
-- statement counts as much as what it costs per row (decision 0100). Same locks, same
-- errors, same names; the delete-side checks of 089 stay as they are (retention and the
-- API's deletes, not the hot path).
CREATE FUNCTION herald_reference_missing(child_table text, constraint_name text, child_columns text,
        parent_table text) RETURNS void AS $$
BEGIN
    RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', child_table, constraint_name
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = constraint_name, TABLE = child_table,
            DETAIL = format('%s of a new row is not present in table "%s".', child_columns, parent_table);
END;
$$ LANGUAGE plpgsql;

-- each count: distinct references named minus distinct parents found and locked FOR KEY SHARE
CREATE FUNCTION herald_notification_references() RETURNS trigger AS $$
DECLARE
    missing_events bigint;
    missing_subscriptions bigint;
    missing_templates bigint;
BEGIN
    SELECT (SELECT count(*) FROM (SELECT DISTINCT tenant_id, event_id FROM new_rows) k)
             - (SELECT count(*) FROM (SELECT 1 FROM event p
                    JOIN (SELECT DISTINCT tenant_id, event_id FROM new_rows) k
                      ON p.tenant_id = k.tenant_id AND p.event_id = k.event_id
                    FOR KEY SHARE OF p) l),
           (SELECT count(*) FROM (SELECT DISTINCT tenant_id, subscription_id FROM new_rows) k)
             - (SELECT count(*) FROM (SELECT 1 FROM subscription p
                    JOIN (SELECT DISTINCT tenant_id, subscription_id FROM new_rows) k
                      ON p.tenant_id = k.tenant_id AND p.id = k.subscription_id
                    FOR KEY SHARE OF p) l),
           (SELECT count(*) FROM (SELECT DISTINCT tenant_id, template_id FROM new_rows
                    WHERE template_id IS NOT NULL) k)
             - (SELECT count(*) FROM (SELECT 1 FROM template p
                    JOIN (SELECT DISTINCT tenant_id, template_id FROM new_rows WHERE template_id IS NOT NULL) k
                      ON p.tenant_id = k.tenant_id AND p.id = k.template_id
                    FOR KEY SHARE OF p) l)
        INTO missing_events, missing_subscriptions, missing_templates;
    IF missing_events > 0 THEN
        PERFORM herald_reference_missing('notification', 'notification_event_fk', 'tenant_id, event_id', 'event');
    END IF;
    IF missing_subscriptions > 0 THEN
        PERFORM herald_reference_missing('notification', 'notification_subscription_fk',
            'tenant_id, subscription_id', 'subscription');
    END IF;
    IF missing_templates > 0 THEN
        PERFORM herald_reference_missing('notification', 'notification_template_fk', 'tenant_id, template_id',
            'template');
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql SET search_path FROM CURRENT SET herald.bypass_rls = 'on';

CREATE FUNCTION herald_event_references() RETURNS trigger AS $$
BEGIN
    IF (SELECT count(*) FROM (SELECT DISTINCT tenant_id FROM new_rows) k)
            > (SELECT count(*) FROM (SELECT 1 FROM tenant p JOIN (SELECT DISTINCT tenant_id FROM new_rows) k
                   ON p.id = k.tenant_id FOR KEY SHARE OF p) l) THEN
        PERFORM herald_reference_missing('event', 'event_tenant_id_fkey', 'tenant_id', 'tenant');
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql SET search_path FROM CURRENT SET herald.bypass_rls = 'on';

CREATE FUNCTION herald_event_fanout_references() RETURNS trigger AS $$
BEGIN
    IF (SELECT count(*) FROM (SELECT DISTINCT tenant_id, event_id FROM new_rows) k)
            > (SELECT count(*) FROM (SELECT 1 FROM event p JOIN (SELECT DISTINCT tenant_id, event_id FROM new_rows) k
                   ON p.tenant_id = k.tenant_id AND p.event_id = k.event_id FOR KEY SHARE OF p) l) THEN
        PERFORM herald_reference_missing('event_fanout', 'event_fanout_event_fk', 'tenant_id, event_id', 'event');
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql SET search_path FROM CURRENT SET herald.bypass_rls = 'on';

CREATE FUNCTION herald_delivery_attempt_references() RETURNS trigger AS $$
BEGIN
    IF (SELECT count(*) FROM (SELECT DISTINCT tenant_id, notification_id FROM new_rows) k)
            > (SELECT count(*) FROM (SELECT 1 FROM notification p
                   JOIN (SELECT DISTINCT tenant_id, notification_id FROM new_rows) k
                   ON p.tenant_id = k.tenant_id AND p.id = k.notification_id FOR KEY SHARE OF p) l) THEN
        PERFORM herald_reference_missing('delivery_attempt', 'delivery_attempt_notification_fk',
            'tenant_id, notification_id', 'notification');
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql SET search_path FROM CURRENT SET herald.bypass_rls = 'on';

DROP TRIGGER notification_event_fk ON notification;
DROP TRIGGER notification_subscription_fk ON notification;
DROP TRIGGER notification_template_fk ON notification;
DROP TRIGGER event_tenant_id_fkey ON event;
DROP TRIGGER event_fanout_event_fk ON event_fanout;
DROP TRIGGER delivery_attempt_notification_fk ON delivery_attempt;

CREATE TRIGGER notification_references AFTER INSERT ON notification REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION herald_notification_references();
CREATE TRIGGER event_references AFTER INSERT ON event REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION herald_event_references();
CREATE TRIGGER event_fanout_references AFTER INSERT ON event_fanout REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION herald_event_fanout_references();
CREATE TRIGGER delivery_attempt_references AFTER INSERT ON delivery_attempt REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION herald_delivery_attempt_references();

DROP FUNCTION herald_reference_inserted();
