--liquibase formatted sql

--changeset herald:002-sandbox-message-once
-- One captured message per notification, even when a crashed worker's row is resent.
CREATE UNIQUE INDEX sandbox_message_notification_uk ON sandbox_message (notification_id);
