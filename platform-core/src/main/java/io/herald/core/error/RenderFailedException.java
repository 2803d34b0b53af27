package io.herald.core.error;

/**
 * A template that parsed but cannot be rendered with the given data.
 */
public final class RenderFailedException extends HeraldException {

	public RenderFailedException(String message) {
		super(message);
	}

}
