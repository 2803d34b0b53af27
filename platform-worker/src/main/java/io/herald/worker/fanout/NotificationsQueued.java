package io.herald.worker.fanout;

/**
 * Published inside the fan-out transaction when it queued notifications for sending;
 * listen with {@code @TransactionalEventListener(phase = AFTER_COMMIT)} to act once they
 * are visible.
 *
 * @param count how many PENDING notifications the transaction inserted
 */
public record NotificationsQueued(int count) {
}
