package io.herald.worker.fanout;

import java.util.List;
import java.util.UUID;

import io.herald.core.channel.Channel;

/**
 * Published inside the fan-out transaction when it queued notifications for sending;
 * listen with {@code @TransactionalEventListener(phase = AFTER_COMMIT)} to act once they
 * are visible (the dispatcher takes them in memory instead of finding them by its next
 * claim).
 *
 * @param notifications the notifications the transaction queued for sending: PENDING, or
 * created claimed for this process's dispatcher (decision 0105)
 * @param leasedAtNanos {@link System#nanoTime()} before the rows created claimed were
 * inserted: their leases run from no earlier than this
 */
public record NotificationsQueued(List<Queued> notifications, long leasedAtNanos) {

	public NotificationsQueued {
		notifications = List.copyOf(notifications);
	}

	/** PENDING notifications only, or leases that start now. */
	public NotificationsQueued(List<Queued> notifications) {
		this(notifications, System.nanoTime());
	}

	public int count() {
		return this.notifications.size();
	}

	/**
	 * A queued notification and its tenant.
	 *
	 * @param claimed what its send needs, when it was created claimed (SENDING, first
	 * attempt counted, leased to this process); null for a PENDING row, which the
	 * dispatcher claims by id
	 */
	public record Queued(UUID id, UUID tenantId, Claimed claimed) {

		/** A PENDING notification, claimed by id. */
		public Queued(UUID id, UUID tenantId) {
			this(id, tenantId, null);
		}

	}

	/**
	 * What the first attempt of a notification created claimed needs: the row's content,
	 * the subscription's endpoint and encrypted signing secret as the fan-out's
	 * transaction read them, and the event's data.
	 */
	public record Claimed(String eventId, String eventType, UUID subscriptionId, Channel channel, String recipient,
			String address, String subject, String body, String endpoint, String encryptedSigningSecret,
			String dataJson) {

		/** Names the subscription and the event, nothing of the content or the secret. */
		@Override
		public String toString() {
			return "Claimed[eventId=" + this.eventId + ", subscriptionId=" + this.subscriptionId + ", channel="
					+ this.channel + "]";
		}

	}

}
