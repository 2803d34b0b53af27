package io.herald.core.eventtype;

/**
 * An event type's JSON Schema that is not valid JSON or not a valid schema; the message
 * is safe to show to the tenant.
 */
public class InvalidSchemaException extends RuntimeException {

	public InvalidSchemaException(String message) {
		super(message);
	}

}
