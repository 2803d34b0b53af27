--liquibase formatted sql

--changeset herald:089-set-based-reference-checks splitStatements:false
-- The hot path's six references (decision 0100) are checked per statement instead of per
-- row: the fan-out writes 500 events, 500 fan-out decisions and 500 notifications in three
-- statements, and a foreign key ran one planned probe per row and reference (six per
-- event, most of the fan-out transaction's time, decision 0098). These triggers keep what
-- the foreign keys guaranteed, in the database, for every writer and deleter:
--
-- * after an INSERT, one statement locks the distinct parents the new rows name
--   (FOR KEY SHARE, as a foreign key's probe does) and fails with foreign_key_violation
--   (23503) and the old constraint's name when one is missing. A parent deleted by a
--   transaction still open is waited for, exactly as by the probe;
-- * after a DELETE of parents, one statement looks for children left (NO ACTION, as
--   before). The DELETE has waited for every writer holding one of its rows, so the
--   look, with its own snapshot, sees what those writers committed;
-- * the columns of a reference, and the keys they point at, cannot change (no code
--   changes them; a foreign key would have checked the change).
--
-- The checks see across tenants like a foreign key does (herald.bypass_rls for their
-- own statements): a key always holds its tenant_id, so a row never finds another
-- tenant's parent, and row-level security must not make a child invisible to the check.
CREATE FUNCTION herald_reference_inserted() RETURNS trigger AS $$
DECLARE
    constraint_name constant text := TG_ARGV[0];
    parent_table constant text := TG_ARGV[1];
    child_columns constant text[] := string_to_array(TG_ARGV[2], ',');
    parent_columns constant text[] := string_to_array(TG_ARGV[3], ',');
    keys text;
    present text;
    matches text;
    wanted bigint;
    locked bigint;
BEGIN
    SELECT string_agg(format('n.%I', c), ', '),
           string_agg(format('n.%I IS NOT NULL', c), ' AND '),
           string_agg(format('p.%I = k.%I', p, c), ' AND ')
        INTO keys, present, matches
        FROM unnest(parent_columns, child_columns) AS r(p, c);
    EXECUTE format('SELECT count(*) FROM (SELECT DISTINCT %s FROM new_rows n WHERE %s) k', keys, present)
        INTO wanted;
    IF wanted = 0 THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM %I p JOIN (SELECT DISTINCT %s FROM new_rows n WHERE %s) k'
            ' ON %s FOR KEY SHARE OF p) l', parent_table, keys, present, matches)
        INTO locked;
    IF locked < wanted THEN
        RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"',
                TG_TABLE_NAME, constraint_name
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = constraint_name, TABLE = TG_TABLE_NAME,
                DETAIL = format('%s of a new row is not present in table "%s".',
                    array_to_string(child_columns, ', '), parent_table);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql SET search_path FROM CURRENT SET herald.bypass_rls = 'on';

CREATE FUNCTION herald_reference_deleted() RETURNS trigger AS $$
DECLARE
    constraint_name constant text := TG_ARGV[0];
    child_table constant text := TG_ARGV[1];
    child_columns constant text[] := string_to_array(TG_ARGV[2], ',');
    parent_columns constant text[] := string_to_array(TG_ARGV[3], ',');
    matches text;
    referenced boolean;
BEGIN
    SELECT string_agg(format('c.%I = o.%I', c, p), ' AND ')
        INTO matches
        FROM unnest(parent_columns, child_columns) AS r(p, c);
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM old_rows o JOIN %I c ON %s)', child_table, matches)
        INTO referenced;
    IF referenced THEN
        RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "%"',
                TG_TABLE_NAME, constraint_name, child_table
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = constraint_name, TABLE = TG_TABLE_NAME,
                DETAIL = format('A deleted row is still referenced from table "%s".', child_table);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql SET search_path FROM CURRENT SET herald.bypass_rls = 'on';

CREATE FUNCTION herald_reference_keys_fixed() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the key columns of table "%" (and the references they hold) cannot change', TG_TABLE_NAME
        USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

ALTER TABLE notification DROP CONSTRAINT notification_event_fk;
ALTER TABLE notification DROP CONSTRAINT notification_subscription_fk;
ALTER TABLE notification DROP CONSTRAINT notification_template_fk;
ALTER TABLE event DROP CONSTRAINT event_tenant_id_fkey;
ALTER TABLE event_fanout DROP CONSTRAINT event_fanout_event_fk;
ALTER TABLE delivery_attempt DROP CONSTRAINT delivery_attempt_notification_fk;

-- children: every INSERT statement checks its rows' parents
CREATE TRIGGER notification_event_fk AFTER INSERT ON notification REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION herald_reference_inserted(
        'notification_event_fk', 'event', 'tenant_id,event_id', 'tenant_id,event_id');
CREATE TRIGGER notification_subscription_fk AFTER INSERT ON notification REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION herald_reference_inserted(
        'notification_subscription_fk', 'subscription', 'tenant_id,subscription_id', 'tenant_id,id');
CREATE TRIGGER notification_template_fk AFTER INSERT ON notification REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION herald_reference_inserted(
        'notification_template_fk', 'template', 'tenant_id,template_id', 'tenant_id,id');
CREATE TRIGGER event_tenant_id_fkey AFTER INSERT ON event REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION herald_reference_inserted(
        'event_tenant_id_fkey', 'tenant', 'tenant_id', 'id');
CREATE TRIGGER event_fanout_event_fk AFTER INSERT ON event_fanout REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION herald_reference_inserted(
        'event_fanout_event_fk', 'event', 'tenant_id,event_id', 'tenant_id,event_id');
CREATE TRIGGER delivery_attempt_notification_fk AFTER INSERT ON delivery_attempt REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION herald_reference_inserted(
        'delivery_attempt_notification_fk', 'notification', 'tenant_id,notification_id', 'tenant_id,id');

-- parents: every DELETE statement checks that no child is left
CREATE TRIGGER event_referenced_by_notification AFTER DELETE ON event REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION herald_reference_deleted(
        'notification_event_fk', 'notification', 'tenant_id,event_id', 'tenant_id,event_id');
CREATE TRIGGER event_referenced_by_event_fanout AFTER DELETE ON event REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION herald_reference_deleted(
        'event_fanout_event_fk', 'event_fanout', 'tenant_id,event_id', 'tenant_id,event_id');
CREATE TRIGGER subscription_referenced_by_notification AFTER DELETE ON subscription
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION herald_reference_deleted(
        'notification_subscription_fk', 'notification', 'tenant_id,subscription_id', 'tenant_id,id');
CREATE TRIGGER template_referenced_by_notification AFTER DELETE ON template REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION herald_reference_deleted(
        'notification_template_fk', 'notification', 'tenant_id,template_id', 'tenant_id,id');
CREATE TRIGGER tenant_referenced_by_event AFTER DELETE ON tenant REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION herald_reference_deleted(
        'event_tenant_id_fkey', 'event', 'tenant_id', 'id');
CREATE TRIGGER notification_referenced_by_delivery_attempt AFTER DELETE ON notification
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION herald_reference_deleted(
        'delivery_attempt_notification_fk', 'delivery_attempt', 'tenant_id,notification_id', 'tenant_id,id');

-- keys and references that cannot change (checked only when an UPDATE names the column)
CREATE TRIGGER notification_keys_fixed BEFORE UPDATE OF tenant_id, id, event_id, subscription_id, template_id
    ON notification FOR EACH ROW
    WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.id IS DISTINCT FROM NEW.id
        OR OLD.event_id IS DISTINCT FROM NEW.event_id OR OLD.subscription_id IS DISTINCT FROM NEW.subscription_id
        OR OLD.template_id IS DISTINCT FROM NEW.template_id)
    EXECUTE FUNCTION herald_reference_keys_fixed();
CREATE TRIGGER event_keys_fixed BEFORE UPDATE OF tenant_id, event_id ON event FOR EACH ROW
    WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.event_id IS DISTINCT FROM NEW.event_id)
    EXECUTE FUNCTION herald_reference_keys_fixed();
CREATE TRIGGER event_fanout_keys_fixed BEFORE UPDATE OF tenant_id, event_id ON event_fanout FOR EACH ROW
    WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.event_id IS DISTINCT FROM NEW.event_id)
    EXECUTE FUNCTION herald_reference_keys_fixed();
CREATE TRIGGER delivery_attempt_keys_fixed BEFORE UPDATE OF tenant_id, notification_id ON delivery_attempt
    FOR EACH ROW
    WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.notification_id IS DISTINCT FROM NEW.notification_id)
    EXECUTE FUNCTION herald_reference_keys_fixed();
CREATE TRIGGER subscription_keys_fixed BEFORE UPDATE OF tenant_id, id ON subscription FOR EACH ROW
    WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION herald_reference_keys_fixed();
CREATE TRIGGER template_keys_fixed BEFORE UPDATE OF tenant_id, id ON template FOR EACH ROW
    WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION herald_reference_keys_fixed();
CREATE TRIGGER tenant_keys_fixed BEFORE UPDATE OF id ON tenant FOR EACH ROW
    WHEN (OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION herald_reference_keys_fixed();
