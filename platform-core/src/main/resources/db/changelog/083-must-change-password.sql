--liquibase formatted sql

--changeset herald:083-app-user-must-change-password
-- A console user signed in with a one-time password (a new user's, or one an admin reset)
-- must choose their own before anything else (decision 0085). Users that existed before
-- this change set keep working as they did: false.
ALTER TABLE app_user ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
