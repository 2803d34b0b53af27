#!/bin/sh
# Creates the roles the Herald apps connect as (decision 0074), with passwords from the
# environment, when the PostgreSQL container initialises an empty data directory. The owner
# (POSTGRES_USER) runs Liquibase; changeset 081 finds these roles and leaves them as they are.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v app_password="$HERALD_APP_DB_PASSWORD" -v worker_password="$HERALD_WORKER_DB_PASSWORD" <<'SQL'
CREATE ROLE herald_app LOGIN NOBYPASSRLS PASSWORD :'app_password';
CREATE ROLE herald_worker LOGIN BYPASSRLS PASSWORD :'worker_password';
SQL
