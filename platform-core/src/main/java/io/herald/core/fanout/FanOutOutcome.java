package io.herald.core.fanout;

/**
 * What fan-out decided for one (event, subscription), as {@code GET /api/v1/events/{id}}
 * explains it.
 */
public enum FanOutOutcome {

	/** At least one notification was queued for sending. */
	NOTIFIED,

	/** The subscription's filter was false for the event. */
	FILTERED,

	/** Every recipient had opted out: the notifications are SUPPRESSED. */
	SUPPRESSED,

	/** No notification could be sent: no address, no template, a render error. */
	FAILED,

	/** The subscription was disabled. */
	DISABLED;

}
