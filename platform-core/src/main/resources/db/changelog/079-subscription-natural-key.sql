--liquibase formatted sql

--changeset herald:079-subscription-natural-key
-- One subscription per (tenant, event type, template, channel, endpoint, recipient rule):
-- a retried POST /api/v1/subscriptions must not double every delivery (decision 0071).
-- Databases may already hold such duplicates; they cannot be deleted (notifications
-- reference them) and are not changed otherwise: all but the oldest of each group are
-- marked with duplicate_of (the oldest's id) and left out of the unique index. Find them
-- with: SELECT id, duplicate_of FROM subscription WHERE duplicate_of IS NOT NULL.
ALTER TABLE subscription ADD COLUMN duplicate_of uuid;
UPDATE subscription s
   SET duplicate_of = d.first_id
  FROM (SELECT id,
               first_value(id) OVER (PARTITION BY tenant_id, event_type_id, template_name, channel,
                                                  coalesce(endpoint, ''), recipient_rule
                                     ORDER BY created_at, id) AS first_id
          FROM subscription) d
 WHERE s.id = d.id AND d.first_id <> s.id;
-- the endpoint is hashed: a URL may be longer than a B-tree entry allows
CREATE UNIQUE INDEX subscription_natural_key_uk
    ON subscription (tenant_id, event_type_id, template_name, channel, md5(coalesce(endpoint, '')), recipient_rule)
    WHERE duplicate_of IS NULL;
