package io.herald.core.channel;

/**
 * The ways Herald can reach a recipient.
 */
public enum Channel {

	WEBHOOK, EMAIL, PUSH

}
