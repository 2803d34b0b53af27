package io.herald.core.tenant;

/**
 * A tenant's ingest quota: on average {@code eventsPerSecond}, with up to {@code burst}
 * events at once.
 */
public record IngestLimits(int eventsPerSecond, int burst) {

	public static final int MAX_EVENTS_PER_SECOND = 1_000_000;

	public static final int MAX_BURST = 10_000_000;

	public IngestLimits {
		if (eventsPerSecond < 1 || eventsPerSecond > MAX_EVENTS_PER_SECOND) {
			throw new IllegalArgumentException("eventsPerSecond must be 1.." + MAX_EVENTS_PER_SECOND);
		}
		if (burst < 1 || burst > MAX_BURST) {
			throw new IllegalArgumentException("burst must be 1.." + MAX_BURST);
		}
	}

}
