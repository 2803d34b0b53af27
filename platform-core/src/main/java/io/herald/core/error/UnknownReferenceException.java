package io.herald.core.error;

import java.util.Optional;

/**
 * The input names something (an event type, a template, a recipient) that the tenant has
 * not created.
 */
public final class UnknownReferenceException extends HeraldException {

	private final String field;

	/**
	 * @param message what is missing, safe to show
	 * @param field the input field that holds the reference, or null
	 */
	public UnknownReferenceException(String message, String field) {
		super(message);
		this.field = field;
	}

	public Optional<String> field() {
		return Optional.ofNullable(this.field);
	}

}
