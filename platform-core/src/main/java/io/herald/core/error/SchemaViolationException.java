package io.herald.core.error;

import java.util.List;

/**
 * Data that does not satisfy an event type's JSON Schema.
 */
public final class SchemaViolationException extends HeraldException {

	private final List<String> violations;

	public SchemaViolationException(String message, List<String> violations) {
		super(message);
		this.violations = List.copyOf(violations);
	}

	public List<String> violations() {
		return this.violations;
	}

}
