--liquibase formatted sql

--changeset herald:060-attempt-series
-- A resent or replayed notification keeps its id and its history and starts a new attempt
-- series: attempt_series counts the series (1 = the first), attempt_base is the value of
-- attempts when the series began, so the retry schedule's position is attempts - attempt_base.
-- attempts itself keeps counting, so attempt numbers stay unique per notification.
ALTER TABLE notification ADD COLUMN attempt_series integer NOT NULL DEFAULT 1;
ALTER TABLE notification ADD COLUMN attempt_base integer NOT NULL DEFAULT 0;
ALTER TABLE delivery_attempt ADD COLUMN series integer NOT NULL DEFAULT 1;
