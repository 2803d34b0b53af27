package io.herald.api.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.core.channel.Channel;
import io.herald.core.delivery.AttemptOutcome;
import io.herald.core.delivery.DeliveryAttempt;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationStatus;

/**
 * How notifications look over the API: a summary in lists, the rendered message and every
 * delivery attempt in the detail.
 */
final class NotificationViews {

	private NotificationViews() {
	}

	/**
	 * @param attempts how many delivery attempts were made
	 */
	record NotificationSummary(UUID id, String eventId, String eventType, UUID subscriptionId, String channel,
			String recipient, NotificationStatus status, String statusReason, int attempts, Integer templateVersion,
			Instant createdAt, Instant sentAt) {

		static NotificationSummary of(io.herald.core.notification.NotificationSummary notification) {
			return new NotificationSummary(notification.id(), notification.eventId(), notification.eventType(),
					notification.subscriptionId(), notification.channel(), notification.recipient(),
					notification.status(), notification.statusReason(), notification.attempts(),
					notification.templateVersion(), notification.createdAt(), notification.sentAt());
		}

	}

	record NotificationDetail(UUID id, String eventId, String eventType, UUID subscriptionId, Channel channel,
			String recipient, String address, NotificationStatus status, String statusReason, int attempts,
			int attemptSeries, UUID messageId, UUID templateId, Integer templateVersion, String subject, String body,
			Instant createdAt, Instant updatedAt, Instant nextAttemptAt, Instant sentAt,
			List<Attempt> deliveryAttempts) {

		static NotificationDetail of(Notification notification, List<DeliveryAttempt> attempts) {
			return new NotificationDetail(notification.getId(), notification.getEventId(), notification.getEventType(),
					notification.getSubscriptionId(), notification.getChannel(), notification.getRecipient(),
					notification.getAddress(), notification.getStatus(), notification.getStatusReason(),
					notification.getAttempts(), notification.getAttemptSeries(), notification.getMessageId(),
					notification.getTemplateId(), notification.getTemplateVersion(), notification.getSubject(),
					notification.getBody(), notification.getCreatedAt(), notification.getUpdatedAt(),
					notification.getNextAttemptAt(), notification.getSentAt(),
					attempts.stream().map(Attempt::of).toList());
		}

	}

	/**
	 * @param attemptNumber counts across all series
	 * @param series the attempt series, 1 for the first; each resend or replay starts the
	 * next
	 */
	record Attempt(int attemptNumber, int series, Instant startedAt, long latencyMs, AttemptOutcome outcome,
			Integer httpStatus, String providerMessageId, String error) {

		static Attempt of(DeliveryAttempt attempt) {
			return new Attempt(attempt.getAttemptNumber(), attempt.getSeries(), attempt.getStartedAt(),
					attempt.getLatencyMs(), attempt.getOutcome(), attempt.getHttpStatus(),
					attempt.getProviderMessageId(), attempt.getError());
		}

	}

}
