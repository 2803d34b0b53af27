package io.herald.local.bench;

import java.util.Arrays;

/** How the bench hands events to Herald. */
enum Ingest {

	/**
	 * CloudEvents produced straight to {@code herald.events}, as a trusted producer
	 * would.
	 */
	KAFKA("kafka", null),

	/** One {@code POST /api/v1/events} per event. */
	REST("rest", null),

	/** {@code POST /api/v1/events/batch}, 100 events of one tenant per request. */
	REST_BATCH("rest-batch", null);

	private final String label;

	private final String unavailableReason;

	Ingest(String label, String unavailableReason) {
		this.label = label;
		this.unavailableReason = unavailableReason;
	}

	static Ingest named(String label) {
		return Arrays.stream(values())
			.filter((ingest) -> ingest.label.equals(label))
			.findFirst()
			.orElseThrow(
					() -> new IllegalArgumentException("Unknown ingest " + label + "; known: kafka, rest, rest-batch"));
	}

	String label() {
		return this.label;
	}

	/** Why this mode cannot run on this build, or null when it can. */
	String unavailableReason() {
		return this.unavailableReason;
	}

}
