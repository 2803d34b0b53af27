package io.herald.core.subscription;

/**
 * A subscription filter that does not compile or is not a boolean expression; the message
 * is safe to show to the tenant and names the position of the problem.
 */
public class InvalidFilterException extends RuntimeException {

	private final int position;

	public InvalidFilterException(String message, int position) {
		super(message);
		this.position = position;
	}

	/**
	 * The 1-based character offset into the expression where the problem was found, or 0
	 * when unknown.
	 */
	public int position() {
		return this.position;
	}

}
