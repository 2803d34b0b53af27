package io.herald.core.replay;

import java.util.UUID;

import io.herald.core.notification.NotificationStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts one notification back into the outbox as a new attempt series: same id (so the
 * receiver's {@code webhook-id} and the providers' idempotency ids stay the same, unless
 * the caller asks for a new message id), its history kept, a fresh retry schedule, due
 * now. Nobody is woken: the dispatcher polls the due rows.
 *
 * <p>
 * The update is conditional on the status and the attempt series the caller saw, so two
 * requests (a resend and a replay job, two jobs over the same rows) cannot requeue a row
 * twice, and a row that changed meanwhile is left alone.
 */
@Component
public class NotificationRequeue {

	private static final String REQUEUE = """
			UPDATE notification
			SET status = 'PENDING', status_reason = NULL, attempt_series = attempt_series + 1,
			    attempt_base = attempts, next_attempt_at = clock_timestamp(), claimed_until = NULL,
			    sent_at = NULL, updated_at = clock_timestamp(),
			    message_id = CASE WHEN :newMessageId THEN gen_random_uuid() ELSE message_id END
			WHERE id = :id AND tenant_id = :tenantId AND status = :status AND attempt_series = :series""";

	private final JdbcClient jdbc;

	NotificationRequeue(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Requeues the notification if it still has the status and series seen.
	 * @param newMessageId give it a new receiver-facing message id
	 * @return whether it was requeued (false: it changed meanwhile)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean requeue(UUID tenantId, UUID id, NotificationStatus seenStatus, int seenSeries,
			boolean newMessageId) {
		return this.jdbc.sql(REQUEUE)
			.param("id", id)
			.param("tenantId", tenantId)
			.param("status", seenStatus.name())
			.param("series", seenSeries)
			.param("newMessageId", newMessageId)
			.update() == 1;
	}

}
