package io.herald.core.replay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.herald.core.audit.AuditLog;
import io.herald.core.error.ConflictException;
import io.herald.core.error.InvalidInputException;
import io.herald.core.error.NotFoundException;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationRepository;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.support.InputRules;
import io.herald.core.tenant.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Resend of one notification, the facade the API and the console share. A resend starts a
 * new attempt series of the same notification (see {@link NotificationRequeue}).
 * <ul>
 * <li>{@code FAILED} and {@code DEAD}: always;</li>
 * <li>{@code SENT}: only forced, with a reason;</li>
 * <li>{@code SUPPRESSED}: never, the recipient opted out;</li>
 * <li>{@code PENDING}, {@code RETRYING}, {@code SENDING}: never, it is still on its
 * way.</li>
 * </ul>
 */
@Service
public class NotificationReplays {

	private static final String SEEN = """
			SELECT status, attempt_series FROM notification WHERE id = :id AND tenant_id = :tenantId""";

	private final NotificationRepository notifications;

	private final NotificationRequeue requeue;

	private final InputRules rules;

	private final AuditLog audit;

	private final JdbcClient jdbc;

	NotificationReplays(NotificationRepository notifications, NotificationRequeue requeue, InputRules rules,
			AuditLog audit, JdbcClient jdbc) {
		this.notifications = notifications;
		this.requeue = requeue;
		this.rules = rules;
		this.audit = audit;
		this.jdbc = jdbc;
	}

	/**
	 * Requeues the notification; it is {@code PENDING} afterwards and due at once.
	 * @param request {@link ResendRequest#NONE} unless forced
	 * @throws NotFoundException when the tenant has no such notification
	 * @throws ConflictException when its status does not allow a resend (or it changed
	 * meanwhile)
	 * @throws InvalidInputException when forced without a reason
	 */
	@Transactional
	public Notification resend(TenantScope scope, UUID id, ResendRequest request) {
		ResendRequest checked = this.rules.check((request != null) ? request : ResendRequest.NONE);
		Seen seen = this.jdbc.sql(SEEN)
			.param("id", id)
			.param("tenantId", scope.tenantId())
			.query((rs, row) -> new Seen(NotificationStatus.valueOf(rs.getString("status")),
					rs.getInt("attempt_series")))
			.optional()
			.orElseThrow(() -> new NotFoundException("Notification"));
		switch (seen.status()) {
			case FAILED, DEAD -> {
			}
			case SENT -> {
				if (!checked.forced()) {
					throw new ConflictException(
							"The notification was already sent: resend it with \"force\": true and a \"reason\"");
				}
				if (checked.reason() == null || checked.reason().isBlank()) {
					throw InvalidInputException.of("reason", "is required when force is true");
				}
			}
			case SUPPRESSED -> throw new ConflictException(
					"The notification was suppressed because the recipient opted out; it is never resent");
			case PENDING, RETRYING, SENDING ->
				throw new ConflictException("The notification is still being delivered (" + seen.status() + ")");
		}
		if (!this.requeue.requeue(scope.tenantId(), id, seen.status(), seen.series(), checked.renewsMessageId())) {
			throw new ConflictException("The notification changed meanwhile; look at it again");
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("from", seen.status().name());
		details.put("series", seen.series() + 1);
		if (checked.renewsMessageId()) {
			details.put("newMessageId", true);
		}
		if (checked.forced()) {
			details.put("force", true);
		}
		if (checked.reason() != null && !checked.reason().isBlank()) {
			details.put("reason", checked.reason());
		}
		this.audit.append(scope.actor(), scope.tenantId(), "notification.resent", "notification", id.toString(),
				details);
		return this.notifications.findByIdAndTenantId(id, scope.tenantId())
			.orElseThrow(() -> new NotFoundException("Notification"));
	}

	private record Seen(NotificationStatus status, int series) {
	}

}
