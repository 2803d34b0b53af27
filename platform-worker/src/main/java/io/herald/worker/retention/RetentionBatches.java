package io.herald.worker.retention;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.herald.core.notification.NotificationStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One retention batch per call, each one transaction and one statement. A batch walks the
 * next {@code limit} rows past their cut-off in index order from a cursor (so rows that
 * must stay, such as events whose notifications are kept, are stepped over once per pass,
 * not re-read by every batch), locks those that may go ({@code FOR UPDATE SKIP LOCKED}: a
 * row a resend or replay is changing is left for a later pass) and deletes them with
 * their children, children first. Every predicate and every foreign-key check is served
 * by an index (changeset 085), so a batch costs the same with 10 thousand or 10 million
 * rows of history. A transaction-scoped advisory lock lets one worker instance delete at
 * a time; another finds it taken and skips its pass. The audit log is never touched: it
 * names notifications and events by id, as plain values, with no foreign key.
 */
class RetentionBatches {

	/**
	 * {@code %s}: the status, a literal so that the partial index of changeset 085 serves
	 * every plan, generic ones included. Rows a running (or not yet started) replay job
	 * has selected stay.
	 */
	static final String NOTIFICATIONS = """
			WITH candidates AS (
			    SELECT n.id, n.updated_at FROM notification n
			    WHERE n.status = '%1$s' AND n.updated_at < :cutoff AND (n.updated_at, n.id) > (:afterAt, :afterId)
			    ORDER BY n.updated_at, n.id
			    LIMIT :limit),
			doomed AS (
			    SELECT n.tenant_id, n.id FROM notification n JOIN candidates c ON c.id = n.id
			    WHERE n.status = '%1$s' AND n.updated_at < :cutoff
			      AND NOT EXISTS (
			          SELECT 1 FROM replay_job_item i JOIN replay_job j ON j.id = i.job_id
			          WHERE i.tenant_id = n.tenant_id AND i.notification_id = n.id
			            AND j.status IN ('PENDING', 'RUNNING'))
			    FOR UPDATE OF n SKIP LOCKED),
			attempts AS (
			    DELETE FROM delivery_attempt a USING doomed d
			    WHERE a.notification_id = d.id AND a.tenant_id = d.tenant_id RETURNING 1),
			sandbox AS (
			    DELETE FROM sandbox_message s USING doomed d
			    WHERE s.notification_id = d.id AND s.tenant_id = d.tenant_id RETURNING 1),
			items AS (
			    DELETE FROM replay_job_item i USING doomed d
			    WHERE i.tenant_id = d.tenant_id AND i.notification_id = d.id RETURNING 1),
			gone AS (
			    DELETE FROM notification n USING doomed d
			    WHERE n.id = d.id AND n.tenant_id = d.tenant_id RETURNING 1),
			last AS (
			    SELECT updated_at, id FROM candidates ORDER BY updated_at DESC, id DESC LIMIT 1)
			SELECT (SELECT count(*) FROM gone) AS notifications, (SELECT count(*) FROM attempts) AS attempts,
			    (SELECT count(*) FROM sandbox) AS sandbox, (SELECT count(*) FROM items) AS items,
			    (SELECT count(*) FROM candidates) AS scanned, (SELECT updated_at FROM last) AS last_at,
			    (SELECT id FROM last) AS last_id""";

	/**
	 * An event goes once no notification of it is left; events a running backfill job has
	 * selected stay.
	 */
	static final String EVENTS = """
			WITH candidates AS (
			    SELECT e.tenant_id, e.event_id, e.received_at FROM event e
			    WHERE e.received_at < :cutoff
			      AND (e.received_at, e.tenant_id, e.event_id) > (:afterAt, :afterTenant, :afterEvent)
			    ORDER BY e.received_at, e.tenant_id, e.event_id
			    LIMIT :limit),
			doomed AS (
			    SELECT e.tenant_id, e.event_id FROM event e
			    JOIN candidates c ON c.tenant_id = e.tenant_id AND c.event_id = e.event_id
			    WHERE NOT EXISTS (
			          SELECT 1 FROM notification n WHERE n.tenant_id = e.tenant_id AND n.event_id = e.event_id)
			      AND NOT EXISTS (
			          SELECT 1 FROM replay_job_event r JOIN replay_job j ON j.id = r.job_id
			          WHERE r.tenant_id = e.tenant_id AND r.event_id = e.event_id
			            AND j.status IN ('PENDING', 'RUNNING'))
			    FOR UPDATE OF e SKIP LOCKED),
			fanouts AS (
			    DELETE FROM event_fanout f USING doomed d
			    WHERE f.tenant_id = d.tenant_id AND f.event_id = d.event_id RETURNING 1),
			backfills AS (
			    DELETE FROM replay_job_event r USING doomed d
			    WHERE r.tenant_id = d.tenant_id AND r.event_id = d.event_id RETURNING 1),
			gone AS (
			    DELETE FROM event e USING doomed d
			    WHERE e.tenant_id = d.tenant_id AND e.event_id = d.event_id RETURNING 1),
			last AS (
			    SELECT received_at, tenant_id, event_id FROM candidates
			    ORDER BY received_at DESC, tenant_id DESC, event_id DESC LIMIT 1)
			SELECT (SELECT count(*) FROM gone) AS events, (SELECT count(*) FROM fanouts) AS fanouts,
			    (SELECT count(*) FROM backfills) AS backfills, (SELECT count(*) FROM candidates) AS scanned,
			    (SELECT received_at FROM last) AS last_at, (SELECT tenant_id FROM last) AS last_tenant,
			    (SELECT event_id FROM last) AS last_event""";

	private static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtextextended('herald.retention', 0))";

	private static final UUID NO_ID = new UUID(0, 0);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	RetentionBatches(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * Walks up to {@code limit} notifications of a final {@code status} last changed
	 * before {@code cutoff}, after {@code after}, and deletes those that may go with
	 * their attempts, sandbox messages and finished replay items.
	 * @return what was deleted and where the walk stopped; empty when another worker
	 * holds the retention lock
	 */
	Optional<Batch<NotificationCursor>> notifications(NotificationStatus status, Instant cutoff,
			NotificationCursor after, int limit) {
		return locked(
				() -> this.jdbc.sql(NOTIFICATIONS.formatted(status.name()))
					.param("cutoff", utc(cutoff))
					.param("afterAt", utc(after.updatedAt()))
					.param("afterId", after.id())
					.param("limit", limit)
					.query((rs,
							row) -> new Batch<>(
									Deleted.ofNotifications(rs.getLong("notifications"), rs
										.getLong("attempts"), rs.getLong("sandbox"), rs.getLong("items")),
									rs.getInt("scanned"),
									(rs.getObject("last_id") != null) ? new NotificationCursor(
											rs.getObject("last_at", OffsetDateTime.class).toInstant(),
											rs.getObject("last_id", UUID.class)) : after))
					.single());
	}

	/**
	 * Walks up to {@code limit} events received before {@code cutoff}, after
	 * {@code after}, and deletes those no notification refers to any more, with their
	 * fan-out decisions and finished backfill items.
	 * @return what was deleted and where the walk stopped; empty when another worker
	 * holds the retention lock
	 */
	Optional<Batch<EventCursor>> events(Instant cutoff, EventCursor after, int limit) {
		return locked(
				() -> this.jdbc.sql(EVENTS)
					.param("cutoff", utc(cutoff))
					.param("afterAt", utc(after.receivedAt()))
					.param("afterTenant", after.tenantId())
					.param("afterEvent", after.eventId())
					.param("limit", limit)
					.query((rs, row) -> new Batch<>(
							Deleted.ofEvents(rs.getLong("events"), rs.getLong("fanouts"), rs.getLong("backfills")),
							rs.getInt("scanned"),
							(rs.getObject("last_tenant") != null)
									? new EventCursor(rs.getObject("last_at", OffsetDateTime.class).toInstant(),
											rs.getObject("last_tenant", UUID.class), rs.getString("last_event"))
									: after))
					.single());
	}

	private <T> Optional<T> locked(Supplier<T> batch) {
		return this.transactions.execute((status) -> {
			if (!Boolean.TRUE.equals(this.jdbc.sql(LOCK).query(Boolean.class).single())) {
				return Optional.empty();
			}
			return Optional.of(batch.get());
		});
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * @param deleted rows deleted
	 * @param scanned rows walked; fewer than the limit means the walk reached the cut-off
	 * @param next where the next batch of the pass starts
	 */
	record Batch<C>(Deleted deleted, int scanned, C next) {
	}

	/** A position in the walk of one status's notifications by (updated_at, id). */
	record NotificationCursor(Instant updatedAt, UUID id) {

		static final NotificationCursor START = new NotificationCursor(Instant.EPOCH, NO_ID);

	}

	/** A position in the walk of events by (received_at, tenant_id, event_id). */
	record EventCursor(Instant receivedAt, UUID tenantId, String eventId) {

		static final EventCursor START = new EventCursor(Instant.EPOCH, NO_ID, "");

	}

}
