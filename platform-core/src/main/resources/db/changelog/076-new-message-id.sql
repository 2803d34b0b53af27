--liquibase formatted sql

--changeset herald:076-new-message-id
-- A resend or replay may ask for a new receiver-facing message id ("newMessageId": true) for
-- receivers that already dropped the old one: message_id is then a fresh uuid that providers
-- send as webhook-id, SMTP Message-ID and ACS repeatability id. NULL (the default) means the
-- notification id, so ids stay stable unless a caller asks otherwise (decision 0068).
ALTER TABLE notification ADD COLUMN message_id uuid;
ALTER TABLE replay_job ADD COLUMN new_message_id boolean NOT NULL DEFAULT false;
