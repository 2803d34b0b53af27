package io.herald.core.delivery;

/**
 * How one delivery attempt ended, as stored.
 */
public enum AttemptOutcome {

	SENT, RETRY, FAILED

}
