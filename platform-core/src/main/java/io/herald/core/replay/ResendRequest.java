package io.herald.core.replay;

import jakarta.validation.constraints.Size;

/**
 * What a resend may say: {@code force} to resend a notification that was already sent,
 * with the {@code reason} that goes into the audit log.
 *
 * @param force resend even though it was sent (needs a reason)
 * @param reason why, recorded in the audit log (at most 500 characters)
 */
public record ResendRequest(Boolean force, @Size(max = 500) String reason) {

	public static final ResendRequest NONE = new ResendRequest(false, null);

	public boolean forced() {
		return Boolean.TRUE.equals(this.force);
	}

}
