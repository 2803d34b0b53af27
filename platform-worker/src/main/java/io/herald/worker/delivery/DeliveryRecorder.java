package io.herald.worker.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.herald.core.audit.Actor;
import io.herald.core.audit.AuditLog;
import io.herald.core.delivery.AttemptOutcome;
import io.herald.core.delivery.DeliveryAttempt;
import io.herald.core.delivery.DeliveryAttemptRepository;
import io.herald.core.notification.NotificationStatus;
import io.herald.worker.channel.DeliveryOutcome;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the result of one attempt in one transaction: the notification's new status,
 * the attempt row and an audit entry. The status change is fenced by the lease (status
 * SENDING and the attempt number): a worker that lost its lease records nothing.
 */
@Component
class DeliveryRecorder {

	private static final int MAX_TEXT = 2000;

	private static final String SETTLE = """
			UPDATE notification
			SET status = :status, status_reason = :reason, claimed_until = NULL, updated_at = clock_timestamp(),
			    next_attempt_at = CASE WHEN :delayMs < 0 THEN NULL
			                           ELSE clock_timestamp() + :delayMs * interval '1 millisecond' END,
			    sent_at = CASE WHEN :status = 'SENT' THEN clock_timestamp() ELSE sent_at END
			WHERE id = :id AND status = 'SENDING' AND attempts = :attempt
			RETURNING next_attempt_at""";

	private final JdbcClient jdbc;

	private final DeliveryAttemptRepository attempts;

	private final AuditLog audit;

	private final DeliveryProperties properties;

	DeliveryRecorder(JdbcClient jdbc, DeliveryAttemptRepository attempts, AuditLog audit,
			DeliveryProperties properties) {
		this.jdbc = jdbc;
		this.attempts = attempts;
		this.audit = audit;
		this.properties = properties;
	}

	/**
	 * Settles the attempt; empty when the lease was lost meanwhile (another worker took
	 * the row over and records it instead).
	 */
	@Transactional
	public Optional<Recorded> record(ClaimedNotification claimed, DeliveryOutcome outcome, Instant startedAt,
			Duration latency) {
		Recorded next = decide(claimed, outcome);
		List<Instant> settled = this.jdbc.sql(SETTLE)
			.param("status", next.status().name())
			.param("reason", truncate(next.reason()))
			.param("delayMs", (next.delay() != null) ? next.delay().toMillis() : -1L)
			.param("id", claimed.id())
			.param("attempt", claimed.attempt())
			.query((rs, row) -> toInstant(rs.getObject("next_attempt_at", OffsetDateTime.class)))
			.list();
		if (settled.isEmpty()) {
			return Optional.empty();
		}
		Instant nextAttemptAt = settled.get(0);
		this.attempts.save(attempt(claimed, outcome, startedAt, latency, next.attemptOutcome()));
		this.audit.append(Actor.SYSTEM, claimed.tenantId(), "notification." + next.status().name().toLowerCase(),
				"notification", claimed.id().toString(), details(claimed, outcome, nextAttemptAt));
		return Optional
			.of(new Recorded(next.status(), next.attemptOutcome(), next.reason(), next.delay(), nextAttemptAt));
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

	private static DeliveryAttempt attempt(ClaimedNotification claimed, DeliveryOutcome outcome, Instant startedAt,
			Duration latency, AttemptOutcome attemptOutcome) {
		Integer httpStatus = switch (outcome) {
			case DeliveryOutcome.Sent sent -> sent.httpStatus();
			case DeliveryOutcome.Retry retry -> retry.httpStatus();
			case DeliveryOutcome.Permanent failed -> failed.httpStatus();
		};
		String providerId = (outcome instanceof DeliveryOutcome.Sent sent) ? sent.providerMessageId() : null;
		String error = switch (outcome) {
			case DeliveryOutcome.Sent sent -> null;
			case DeliveryOutcome.Retry retry -> retry.error();
			case DeliveryOutcome.Permanent failed -> failed.error();
		};
		return new DeliveryAttempt(claimed.tenantId(), claimed.id(), claimed.attempt(), claimed.series(), startedAt,
				latency.toMillis(), attemptOutcome, httpStatus, truncate(providerId), truncate(error));
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
