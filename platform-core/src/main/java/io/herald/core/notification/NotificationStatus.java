package io.herald.core.notification;

/**
 * Life of an outbox row: PENDING → SENDING → SENT, or → RETRYING → … → DEAD; SUPPRESSED
 * (opt-out) and FAILED (permanent error) are final too.
 */
public enum NotificationStatus {

	PENDING, SENDING, SENT, RETRYING, DEAD, SUPPRESSED, FAILED

}
