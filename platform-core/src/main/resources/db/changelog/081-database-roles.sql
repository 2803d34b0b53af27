--liquibase formatted sql

--changeset herald:081-database-roles splitStatements:false
-- The roles the apps connect as (decision 0074). Liquibase runs as the schema owner;
-- the apps never do. herald_app (API, console) is subject to row-level security;
-- herald_worker (worker: fan-out, dispatcher, replay, retention, secret rotation, all
-- across tenants) has BYPASSRLS. Neither owns a table, so neither can TRUNCATE, ALTER
-- or DISABLE TRIGGER. Roles belong to the cluster, not the database: they are created
-- only when missing, and two databases migrating at once on one cluster may race, so a
-- duplicate is not an error. They are created with LOGIN and no password: a password
-- login fails until an administrator sets one (ALTER ROLE herald_app PASSWORD '…');
-- a production cluster usually has them created beforehand (docs/security.md).
-- BYPASSRLS needs a superuser: an owner that is none must find herald_worker created.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'herald_app') THEN
        BEGIN
            CREATE ROLE herald_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'herald_worker') THEN
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
            RAISE EXCEPTION 'role herald_worker is missing and % may not create a BYPASSRLS role: '
                'create it first (docs/security.md, "Row-level security")', current_user;
        END IF;
        BEGIN
            CREATE ROLE herald_worker LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
END;
$$;
