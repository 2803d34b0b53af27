-- Decision 0112, the narrow layout: the same batch inserted as content (b_n) and state
-- (b_state) in one transaction, then recorded SENT in the state table alone.
\set b random(1, 1000000000000)
BEGIN;
INSERT INTO b_n (id, tenant_id, event_id, event_type, subscription_id, channel, recipient, address, template_id, template_version, subject, body, created_at, message_id)
SELECT md5(:b || '-' || g)::uuid, md5((:b % 10)::text)::uuid, 'evt-' || :b || '-' || g, 'OrderPlaced', md5('s' || (:b % 10))::uuid, 'WEBHOOK', 'user-' || g, 'http://127.0.0.1:9999/hook', md5('t' || (:b % 10))::uuid, 1, 'Order ' || g || ' placed', repeat('{"orderId":"' || g || '","total":42}', 6), now(), md5('m' || :b || g)::uuid
FROM generate_series(1, 100) g;
INSERT INTO b_state (id, tenant_id, status, attempts, claimed_until, created_at, updated_at)
SELECT md5(:b || '-' || g)::uuid, md5((:b % 10)::text)::uuid, 'SENDING', 1, now() + interval '30 seconds', now(), now() FROM generate_series(1, 100) g;
COMMIT;
UPDATE b_state n SET status = 'SENT', status_reason = NULL, claimed_until = NULL, updated_at = clock_timestamp(), next_attempt_at = NULL, sent_at = clock_timestamp()
FROM (SELECT md5(:b || '-' || g)::uuid AS id FROM generate_series(1, 100) g) v WHERE n.id = v.id AND n.status = 'SENDING' AND n.attempts = 1;
