package io.herald.core.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What happened since a moment, for a dashboard: events received and notifications
 * created per hour, notifications by status and channel, and the subscriptions whose
 * notifications fail most.
 *
 * @param since the start of the window
 * @param hours one entry per hour of the window, oldest first, zero-filled
 * @param byStatusAndChannel notifications created in the window, counted by status and
 * channel
 * @param topFailing up to five subscriptions with the most DEAD or FAILED notifications
 */
public record DeliveryOverview(Instant since, List<Hour> hours, List<StatusCount> byStatusAndChannel,
		List<FailingSubscription> topFailing) {

	public long count(NotificationStatus status) {
		return this.byStatusAndChannel.stream()
			.filter((row) -> row.status() == status)
			.mapToLong(StatusCount::count)
			.sum();
	}

	public long notifications() {
		return this.byStatusAndChannel.stream().mapToLong(StatusCount::count).sum();
	}

	public long events() {
		return this.hours.stream().mapToLong(Hour::events).sum();
	}

	/**
	 * @param start the start of the hour
	 * @param events events received in it
	 * @param notifications notifications created in it
	 */
	public record Hour(Instant start, long events, long notifications) {

	}

	/**
	 * @param status the notifications' status now
	 * @param channel their channel
	 * @param count how many
	 */
	public record StatusCount(NotificationStatus status, String channel, long count) {

	}

	/**
	 * @param subscriptionId the subscription
	 * @param tenantId its tenant
	 * @param eventType the event type it listens to
	 * @param templateName the template it renders
	 * @param channel its channel
	 * @param failures its DEAD and FAILED notifications created in the window
	 */
	public record FailingSubscription(UUID subscriptionId, UUID tenantId, String eventType, String templateName,
			String channel, long failures) {

	}

}
