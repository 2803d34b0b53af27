package io.herald.core.template;

/**
 * A template that cannot be parsed or rendered; the message is safe to show to the
 * tenant.
 */
public class TemplateException extends RuntimeException {

	public TemplateException(String message) {
		super(message);
	}

}
