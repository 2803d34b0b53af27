package io.herald.core.error;

/**
 * An event whose type the tenant has not registered.
 */
public final class UnknownEventTypeException extends HeraldException {

	private final String eventType;

	public UnknownEventTypeException(String eventType) {
		super("No event type named '" + eventType + "' is registered: POST /api/v1/event-types first");
		this.eventType = eventType;
	}

	public String eventType() {
		return this.eventType;
	}

}
