package io.herald.core.replay;

import jakarta.validation.constraints.Size;

/**
 * What a resend may say: {@code force} to resend a notification that was already sent,
 * with the {@code reason} that goes into the audit log.
 *
 * @param force resend even though it was sent (needs a reason)
 * @param reason why, recorded in the audit log (at most 500 characters)
 * @param newMessageId give the notification a new receiver-facing message id (webhook-id,
 * provider idempotency ids), for receivers that already dropped the old one
 */
public record ResendRequest(Boolean force, @Size(max = 500) String reason, Boolean newMessageId) {

	public static final ResendRequest NONE = new ResendRequest(false, null, false);

	public ResendRequest(Boolean force, String reason) {
		this(force, reason, false);
	}

	public boolean renewsMessageId() {
		return Boolean.TRUE.equals(this.newMessageId);
	}

	public boolean forced() {
		return Boolean.TRUE.equals(this.force);
	}

}
