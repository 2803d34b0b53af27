package io.herald.worker.event;

import java.util.UUID;

/**
 * An event that no retry can fix (not a CloudEvent, unknown tenant or type, data against
 * the type's schema): it goes straight to the dead-letter topic with {@link #reason()} in
 * the {@code herald-dlq-reason} header.
 */
class DeadLetterException extends RuntimeException {

	private static final int MAX_REASON_LENGTH = 1_000;

	private final UUID tenantId;

	private final String eventId;

	DeadLetterException(String reason, UUID tenantId, String eventId) {
		super(oneLine(reason));
		this.tenantId = tenantId;
		this.eventId = eventId;
	}

	String reason() {
		return getMessage();
	}

	UUID tenantId() {
		return this.tenantId;
	}

	String eventId() {
		return this.eventId;
	}

	/** Headers hold one line of human text: no line breaks, bounded length. */
	static String oneLine(String text) {
		String line = (text != null) ? text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip() : "";
		return (line.length() > MAX_REASON_LENGTH) ? line.substring(0, MAX_REASON_LENGTH - 1) + "…" : line;
	}

}
