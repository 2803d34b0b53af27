package io.herald.core.fanout;

import io.herald.core.recipient.Recipient;

/**
 * Whom one notification of a subscription goes to. {@link #key()} is the recipient column
 * of the notification and part of its unique key.
 */
public sealed interface Target {

	String key();

	/**
	 * Can be sent to {@code address}; {@code profile} is the recipient's profile, or
	 * {@code null} for a direct address or a webhook.
	 */
	record Reachable(String key, String address, Recipient profile) implements Target {
	}

	/** Opted out: the notification is recorded as SUPPRESSED with the reason. */
	record OptedOut(String key, String reason) implements Target {
	}

	/**
	 * No recipient or no address: the notification is recorded as FAILED with the reason.
	 */
	record Unreachable(String key, String reason) implements Target {
	}

}
