package io.herald.core.error;

/**
 * The thing asked for does not exist for this tenant; another tenant's thing is also "not
 * found", never "forbidden".
 */
public final class NotFoundException extends HeraldException {

	/**
	 * @param what what was looked for, e.g. {@code Event type}
	 */
	public NotFoundException(String what) {
		super(what + " not found");
	}

}
