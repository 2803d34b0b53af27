--liquibase formatted sql

--changeset herald:003-audit-log-pooled-ids
-- Hibernate takes audit ids 50 at a time (pooled optimizer), so that the audit entries of one
-- transaction are inserted in one JDBC batch instead of one round trip each.
ALTER SEQUENCE audit_log_id_seq INCREMENT BY 50;
