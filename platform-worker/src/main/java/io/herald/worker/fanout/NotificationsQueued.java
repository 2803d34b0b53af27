package io.herald.worker.fanout;

import java.util.List;
import java.util.UUID;

/**
 * Published inside the fan-out transaction when it queued notifications for sending;
 * listen with {@code @TransactionalEventListener(phase = AFTER_COMMIT)} to act once they
 * are visible (the dispatcher takes them in memory instead of finding them by its next
 * claim).
 *
 * @param notifications the PENDING notifications the transaction inserted
 */
public record NotificationsQueued(List<Queued> notifications) {

	public NotificationsQueued {
		notifications = List.copyOf(notifications);
	}

	public int count() {
		return this.notifications.size();
	}

	/** A queued notification and its tenant. */
	public record Queued(UUID id, UUID tenantId) {
	}

}
