--liquibase formatted sql

--changeset herald:072-audit-log-erasure-scrub splitStatements:false
-- Erasure (decision 0062) must remove a recipient's addresses from audit details too, while
-- the audit trail stays append-only for everything else. The one way to change an entry is
-- audit_log_erase(): it sets herald.erasure for its own statement only, replaces one value
-- (ignoring case) in the details of one tenant's entries by '[erased]', and the trigger lets
-- such an UPDATE through only when no column but details changes. DELETE and TRUNCATE stay
-- refused without exception.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND TG_LEVEL = 'ROW' THEN
        IF current_setting('herald.erasure', true) = 'on'
                AND NEW.id = OLD.id
                AND NEW.tenant_id IS NOT DISTINCT FROM OLD.tenant_id
                AND NEW.actor_type = OLD.actor_type
                AND NEW.actor = OLD.actor
                AND NEW.action = OLD.action
                AND NEW.entity_type = OLD.entity_type
                AND NEW.entity_id = OLD.entity_id
                AND NEW.created_at = OLD.created_at THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION audit_log_erase(p_tenant uuid, p_value text) RETURNS integer AS $$
DECLARE
    scrubbed integer;
BEGIN
    -- a short value would cut through unrelated words; addresses and tokens are longer
    IF p_tenant IS NULL OR p_value IS NULL OR length(p_value) < 4 THEN
        RETURN 0;
    END IF;
    PERFORM set_config('herald.erasure', 'on', true);
    -- '***=' makes the rest of the pattern a literal string: no regex from tenant input
    UPDATE audit_log SET details = regexp_replace(details, '***=' || p_value, '[erased]', 'gi')
        WHERE tenant_id = p_tenant AND details IS NOT NULL AND strpos(lower(details), lower(p_value)) > 0;
    GET DIAGNOSTICS scrubbed = ROW_COUNT;
    PERFORM set_config('herald.erasure', 'off', true);
    RETURN scrubbed;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT;
