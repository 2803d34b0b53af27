package io.herald.core.error;

/**
 * A use case's refusal; the message is safe to show to the tenant who asked. The
 * subclasses are the complete set an adapter must translate.
 */
public abstract sealed class HeraldException extends RuntimeException
		permits NotFoundException, ConflictException, InvalidInputException, UnknownReferenceException,
		UnknownEventTypeException, SchemaViolationException, RenderFailedException {

	protected HeraldException(String message) {
		super(message);
	}

}
