--liquibase formatted sql

--changeset herald:086-tenant-id-statistics splitStatements:false
-- No planner statistics for tenant_id (decision 0092). With them, a tenant that the last
-- ANALYZE did not see (a new tenant, or any tenant of a table analysed while it held one
-- other tenant's rows) is estimated at one row, and every index that starts with
-- tenant_id looks as good as the unique key: the foreign-key probes of the hot path
-- (notification -> event, event_fanout -> event, delivery_attempt -> notification) and
-- the claims' join to event then walked the whole tenant through event_type_time_idx or
-- notification_tenant_status_idx instead of one probe of the unique key, 300 buffer hits
-- per inserted row with 20,000 events. Without statistics a tenant is estimated at the
-- default 0.5 % of the table and the index that holds both columns wins. Stale statistics
-- of an existing database are cleared where PostgreSQL can (18 and later); on older
-- servers a superuser deletes them once (docs/operations.md).
DO $$
DECLARE
    scoped record;
BEGIN
    FOR scoped IN
        SELECT c.relname
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE a.attname = 'tenant_id' AND NOT a.attisdropped AND c.relkind IN ('r', 'p')
          AND s.nspname = current_schema()
        ORDER BY c.relname
    LOOP
        EXECUTE format('ALTER TABLE %I ALTER COLUMN tenant_id SET STATISTICS 0', scoped.relname);
        IF current_setting('server_version_num')::int >= 180000 THEN
            EXECUTE format('SELECT pg_clear_attribute_stats(%L, %L, %L, false)',
                current_schema(), scoped.relname, 'tenant_id');
        END IF;
    END LOOP;
END $$;
