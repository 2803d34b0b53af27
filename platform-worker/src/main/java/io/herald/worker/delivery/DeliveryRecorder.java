package io.herald.worker.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.herald.core.audit.Actor;
import io.herald.core.delivery.AttemptOutcome;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.support.ColumnArrays;
import io.herald.core.support.Ids;
import io.herald.worker.audit.AuditRows;
import io.herald.worker.channel.DeliveryOutcome;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the results of attempts, a batch in one transaction: one
 * {@code UPDATE notification … FROM unnest(…)} for the new statuses, one multi-row insert
 * of the attempt rows and one of the audit entries. Each status change is fenced by the
 * lease (status SENDING and the attempt number): an attempt whose worker lost its lease
 * is recorded by nobody here (the worker that took the row over records it).
 */
@Component
class DeliveryRecorder {

	private static final int MAX_TEXT = 2000;

	// provider_message_id is varchar(500)
	private static final int MAX_PROVIDER_ID = 500;

	// The statements are package-private: HotPathPlansIntegrationTests explains them
	// (platform-worker) over a database that holds history. Each takes one text array per
	// column (ColumnArrays, decision 0101), so a batch of any size is one statement text
	// with the same parameters: parsed and bound as cheaply as a one-row batch.
	static final String SETTLE = """
			UPDATE notification n
			SET status = v.status, status_reason = v.reason, claimed_until = NULL, updated_at = clock_timestamp(),
			    next_attempt_at = CASE WHEN v.delay_ms < 0 THEN NULL
			                           ELSE clock_timestamp() + v.delay_ms * interval '1 millisecond' END,
			    sent_at = CASE WHEN v.status = 'SENT' THEN clock_timestamp() ELSE n.sent_at END
			FROM (SELECT CAST(r.id AS uuid) AS id, CAST(r.attempt AS integer) AS attempt, r.status, r.reason,
			             CAST(r.delay_ms AS bigint) AS delay_ms
			      FROM %s) AS v
			WHERE n.id = v.id AND n.status = 'SENDING' AND n.attempts = v.attempt
			RETURNING n.id, n.next_attempt_at"""
		.formatted(ColumnArrays.unnest("r", "id", "attempt", "status", "reason", "delay_ms"));

	static final int SETTLE_COLUMNS = 5;

	static final String INSERT_ATTEMPTS = "INSERT INTO delivery_attempt (id, tenant_id, notification_id,"
			+ " attempt_number, series, started_at, latency_ms, outcome, http_status, provider_message_id, error)"
			+ " SELECT CAST(r.id AS uuid), CAST(r.tenant_id AS uuid), CAST(r.notification_id AS uuid),"
			+ " CAST(r.attempt_number AS integer), CAST(r.series AS integer), CAST(r.started_at AS timestamptz),"
			+ " CAST(r.latency_ms AS bigint), r.outcome, CAST(r.http_status AS integer), r.provider_message_id,"
			+ " r.error FROM " + ColumnArrays.unnest("r", "id", "tenant_id", "notification_id", "attempt_number",
					"series", "started_at", "latency_ms", "outcome", "http_status", "provider_message_id", "error");

	static final int ATTEMPT_COLUMNS = 11;

	private final JdbcClient jdbc;

	private final AuditRows audit;

	private final DeliveryProperties properties;

	DeliveryRecorder(JdbcClient jdbc, AuditRows audit, DeliveryProperties properties) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.properties = properties;
	}

	/**
	 * Settles one attempt; empty when the lease was lost meanwhile (another worker took
	 * the row over and records it instead).
	 */
	@Transactional
	public Optional<Recorded> record(ClaimedNotification claimed, DeliveryOutcome outcome, Instant startedAt,
			Duration latency) {
		return settle(List.of(new Attempt(claimed, outcome, startedAt, latency))).get(0);
	}

	/**
	 * Settles a batch of attempts in one transaction.
	 * @return what became of each attempt, in the order given; empty where the lease was
	 * lost
	 */
	@Transactional
	public List<Optional<Recorded>> recordAll(List<Attempt> attempts) {
		return settle(attempts);
	}

	private List<Optional<Recorded>> settle(List<Attempt> attempts) {
		List<Optional<Recorded>> results = new ArrayList<>(attempts.size());
		// The same row twice (a late result and its reclaim as lost) settles in order: a
		// second statement sees the first one's change and leaves the row alone.
		List<Attempt> round = new ArrayList<>();
		Set<UUID> inRound = new HashSet<>();
		for (Attempt attempt : attempts) {
			if (!inRound.add(attempt.claimed().id())) {
				results.addAll(settleRound(round));
				round.clear();
				inRound.clear();
				inRound.add(attempt.claimed().id());
			}
			round.add(attempt);
		}
		results.addAll(settleRound(round));
		return results;
	}

	private List<Optional<Recorded>> settleRound(List<Attempt> attempts) {
		if (attempts.isEmpty()) {
			return List.of();
		}
		List<Recorded> decided = attempts.stream().map((a) -> decide(a.claimed(), a.outcome())).toList();
		Map<UUID, Optional<Instant>> settled = updateStatuses(attempts, decided);
		List<Optional<Recorded>> results = new ArrayList<>(attempts.size());
		List<Attempt> recorded = new ArrayList<>();
		List<AttemptOutcome> outcomes = new ArrayList<>();
		List<AuditRows.Entry> entries = new ArrayList<>();
		for (int i = 0; i < attempts.size(); i++) {
			Attempt attempt = attempts.get(i);
			Recorded next = decided.get(i);
			Optional<Instant> nextAttemptAt = settled.get(attempt.claimed().id());
			if (nextAttemptAt == null) {
				results.add(Optional.empty());
				continue;
			}
			recorded.add(attempt);
			outcomes.add(next.attemptOutcome());
			entries.add(new AuditRows.Entry(Actor.SYSTEM, attempt.claimed().tenantId(),
					"notification." + next.status().name().toLowerCase(Locale.ROOT), "notification",
					attempt.claimed().id().toString(),
					details(attempt.claimed(), attempt.outcome(), nextAttemptAt.orElse(null))));
			results.add(Optional.of(new Recorded(next.status(), next.attemptOutcome(), next.reason(), next.delay(),
					nextAttemptAt.orElse(null))));
		}
		insertAttempts(recorded, outcomes);
		this.audit.append(entries);
		return results;
	}

	/** The rows this batch settled, with their next attempt time (empty if none). */
	private Map<UUID, Optional<Instant>> updateStatuses(List<Attempt> attempts, List<Recorded> decided) {
		ColumnArrays rows = new ColumnArrays(SETTLE_COLUMNS, attempts.size());
		for (int i = 0; i < attempts.size(); i++) {
			Recorded next = decided.get(i);
			rows.row()
				.add(attempts.get(i).claimed().id())
				.add(attempts.get(i).claimed().attempt())
				.add(next.status().name())
				.add(truncate(next.reason()))
				.add((next.delay() != null) ? next.delay().toMillis() : -1L);
		}
		Map<UUID, Optional<Instant>> settled = new HashMap<>();
		this.jdbc.sql(SETTLE)
			.params(rows.parameters())
			.query((rs, row) -> settled.put(rs.getObject("id", UUID.class),
					Optional.ofNullable(toInstant(rs.getObject("next_attempt_at", OffsetDateTime.class)))))
			.list();
		return settled;
	}

	private void insertAttempts(List<Attempt> attempts, List<AttemptOutcome> outcomes) {
		if (attempts.isEmpty()) {
			return;
		}
		ColumnArrays rows = new ColumnArrays(ATTEMPT_COLUMNS, attempts.size());
		for (int i = 0; i < attempts.size(); i++) {
			Attempt attempt = attempts.get(i);
			ClaimedNotification claimed = attempt.claimed();
			DeliveryOutcome outcome = attempt.outcome();
			rows.row()
				.add(Ids.newId())
				.add(claimed.tenantId())
				.add(claimed.id())
				.add(claimed.attempt())
				.add(claimed.series())
				.add(attempt.startedAt())
				.add(attempt.latency().toMillis())
				.add(outcomes.get(i).name())
				.add(httpStatus(outcome))
				.add(truncate((outcome instanceof DeliveryOutcome.Sent sent) ? sent.providerMessageId() : null,
						MAX_PROVIDER_ID))
				.add(truncate(error(outcome)));
		}
		this.jdbc.sql(INSERT_ATTEMPTS).params(rows.parameters()).update();
	}

	private Recorded decide(ClaimedNotification claimed, DeliveryOutcome outcome) {
		return switch (outcome) {
			case DeliveryOutcome.Sent sent ->
				new Recorded(NotificationStatus.SENT, AttemptOutcome.SENT, null, null, null);
			case DeliveryOutcome.Permanent failed ->
				new Recorded(NotificationStatus.FAILED, AttemptOutcome.FAILED, failed.error(), null, null);
			case DeliveryOutcome.Retry retry -> this.properties.retryScheduleFor(claimed.channel())
				.delayAfter(claimed.position(), retry.retryAfter(), ThreadLocalRandom.current())
				.map((delay) -> new Recorded(NotificationStatus.RETRYING, AttemptOutcome.RETRY, retry.error(), delay,
						null))
				.orElseGet(() -> new Recorded(NotificationStatus.DEAD, AttemptOutcome.RETRY,
						"retries exhausted after " + claimed.position() + " attempts: " + retry.error(), null, null));
		};
	}

	private static Integer httpStatus(DeliveryOutcome outcome) {
		return switch (outcome) {
			case DeliveryOutcome.Sent sent -> sent.httpStatus();
			case DeliveryOutcome.Retry retry -> retry.httpStatus();
			case DeliveryOutcome.Permanent failed -> failed.httpStatus();
		};
	}

	private static String error(DeliveryOutcome outcome) {
		return switch (outcome) {
			case DeliveryOutcome.Sent sent -> null;
			case DeliveryOutcome.Retry retry -> retry.error();
			case DeliveryOutcome.Permanent failed -> failed.error();
		};
	}

	private static Map<String, Object> details(ClaimedNotification claimed, DeliveryOutcome outcome,
			Instant nextAttemptAt) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("attempt", claimed.attempt());
		if (claimed.series() > 1) {
			details.put("series", claimed.series());
		}
		details.put("channel", claimed.channel().name());
		switch (outcome) {
			case DeliveryOutcome.Sent sent -> {
				putIfPresent(details, "httpStatus", sent.httpStatus());
				putIfPresent(details, "providerMessageId", sent.providerMessageId());
			}
			case DeliveryOutcome.Retry retry -> {
				putIfPresent(details, "httpStatus", retry.httpStatus());
				putIfPresent(details, "error", truncate(retry.error()));
			}
			case DeliveryOutcome.Permanent failed -> {
				putIfPresent(details, "httpStatus", failed.httpStatus());
				putIfPresent(details, "error", truncate(failed.error()));
			}
		}
		putIfPresent(details, "nextAttemptAt", (nextAttemptAt != null) ? nextAttemptAt.toString() : null);
		return details;
	}

	private static Instant toInstant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	private static void putIfPresent(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	private static String truncate(String text) {
		return (text == null || text.length() <= MAX_TEXT) ? text : text.substring(0, MAX_TEXT) + "…";
	}

	private static String truncate(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

	/**
	 * A finished attempt to record.
	 *
	 * @param latency how long the send took (zero for a lost attempt: nobody measured it)
	 */
	record Attempt(ClaimedNotification claimed, DeliveryOutcome outcome, Instant startedAt, Duration latency) {
	}

	/**
	 * What became of an attempt.
	 *
	 * @param status the notification's new status
	 * @param attemptOutcome how the attempt is stored
	 * @param reason why it did not succeed (null when sent)
	 * @param delay the delay before the next attempt (RETRYING only)
	 * @param nextAttemptAt when the next attempt is due (RETRYING only)
	 */
	record Recorded(NotificationStatus status, AttemptOutcome attemptOutcome, String reason, Duration delay,
			Instant nextAttemptAt) {
	}

}
