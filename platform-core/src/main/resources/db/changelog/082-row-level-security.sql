--liquibase formatted sql

--changeset herald:082-app-role-grants splitStatements:false
-- What the app roles of 081 may do (decision 0074): rows only. No TRUNCATE, REFERENCES or
-- TRIGGER privilege and no ownership, so no ALTER TABLE … DISABLE TRIGGER. The audit log
-- takes INSERT and SELECT only; its one sanctioned change is audit_log_erase(), which
-- runs as the owner. Liquibase's own tables stay the owner's. New tables of later change
-- sets get the same grants through the default privileges, but not row-level security:
-- RowLevelSecurityIntegrationTests fails until a new tenant table has it.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO herald_app, herald_worker;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO herald_app, herald_worker;
REVOKE ALL ON databasechangelog, databasechangeloglock FROM herald_app, herald_worker;
REVOKE UPDATE, DELETE ON audit_log FROM herald_app, herald_worker;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO herald_app, herald_worker;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO herald_app, herald_worker;

--changeset herald:082-tenant-row-policies splitStatements:false
-- Row-level security, enabled and forced (the owner is held to it too) on the tenant table
-- and on every table with a tenant_id column. A row is visible and writable when its
-- tenant is the transaction's herald.tenant_id, which io.herald.core.tenant.RowSecurity
-- sets on every connection the API and the console take from the pool; without it no row
-- is visible. herald.bypass_rls = 'on' is the one way across tenants for herald_app, set
-- only by RowSecurity.acrossTenants() (operator endpoints, sign-in, API key checks). The
-- worker needs no setting: herald_worker has BYPASSRLS.
DO $$
DECLARE
    tenant_table record;
    tenant_rows constant text :=
        '(%I = nullif(current_setting(''herald.tenant_id'', true), '''')::uuid'
        ' OR current_setting(''herald.bypass_rls'', true) = ''on'')';
BEGIN
    FOR tenant_table IN
        SELECT c.table_name, 'tenant_id' AS tenant_column
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
        UNION ALL
        SELECT 'tenant', 'id'
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table.table_name);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table.table_name);
        EXECUTE format('CREATE POLICY tenant_rows ON %I USING ' || tenant_rows || ' WITH CHECK ' || tenant_rows,
            tenant_table.table_name, tenant_table.tenant_column, tenant_table.tenant_column);
    END LOOP;
END;
$$;

--changeset herald:082-audit-log-erase-under-rls splitStatements:false
-- audit_log_erase() runs as the owner, whom FORCE ROW LEVEL SECURITY holds to the
-- caller's herald.tenant_id: it scrubs p_tenant's entries whoever calls it (the worker
-- sets no tenant), so it sets p_tenant for its own statement and puts back what was set.
CREATE OR REPLACE FUNCTION audit_log_erase(p_tenant uuid, p_value text) RETURNS integer AS $$
DECLARE
    scrubbed integer;
    caller_tenant text;
BEGIN
    -- a short value would cut through unrelated words; addresses and tokens are longer
    IF p_tenant IS NULL OR p_value IS NULL OR length(p_value) < 4 THEN
        RETURN 0;
    END IF;
    caller_tenant := coalesce(current_setting('herald.tenant_id', true), '');
    PERFORM set_config('herald.tenant_id', p_tenant::text, true);
    PERFORM set_config('herald.erasure', 'on', true);
    -- '***=' makes the rest of the pattern a literal string: no regex from tenant input
    UPDATE audit_log SET details = regexp_replace(details, '***=' || p_value, '[erased]', 'gi')
        WHERE tenant_id = p_tenant AND details IS NOT NULL AND strpos(lower(details), lower(p_value)) > 0;
    GET DIAGNOSTICS scrubbed = ROW_COUNT;
    PERFORM set_config('herald.erasure', 'off', true);
    PERFORM set_config('herald.tenant_id', caller_tenant, true);
    RETURN scrubbed;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT;
