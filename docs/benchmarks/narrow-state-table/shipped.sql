-- Decision 0112, the shipped layout: one batch of 100 notifications inserted claimed (SENDING),
-- then recorded SENT, each statement its own transaction, as the worker does.
\set b random(1, 1000000000000)
INSERT INTO a_n (id, tenant_id, event_id, event_type, subscription_id, channel, recipient, address, template_id, template_version, subject, body, status, attempts, claimed_until, created_at, updated_at, message_id)
SELECT md5(:b || '-' || g)::uuid, md5((:b % 10)::text)::uuid, 'evt-' || :b || '-' || g, 'OrderPlaced', md5('s' || (:b % 10))::uuid, 'WEBHOOK', 'user-' || g, 'http://127.0.0.1:9999/hook', md5('t' || (:b % 10))::uuid, 1, 'Order ' || g || ' placed', repeat('{"orderId":"' || g || '","total":42}', 6), 'SENDING', 1, now() + interval '30 seconds', now(), now(), md5('m' || :b || g)::uuid
FROM generate_series(1, 100) g;
UPDATE a_n n SET status = 'SENT', status_reason = NULL, claimed_until = NULL, updated_at = clock_timestamp(), next_attempt_at = NULL, sent_at = clock_timestamp()
FROM (SELECT md5(:b || '-' || g)::uuid AS id FROM generate_series(1, 100) g) v WHERE n.id = v.id AND n.status = 'SENDING' AND n.attempts = 1;
