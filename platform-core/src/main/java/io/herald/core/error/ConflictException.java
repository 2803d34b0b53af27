package io.herald.core.error;

/**
 * The change conflicts with what exists, e.g. a second event type of the same name.
 */
public final class ConflictException extends HeraldException {

	public ConflictException(String message) {
		super(message);
	}

}
