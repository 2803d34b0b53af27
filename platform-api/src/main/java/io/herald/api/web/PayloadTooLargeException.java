package io.herald.api.web;

import java.io.IOException;

/**
 * Thrown while reading a request body that grows past {@code herald.api.max-request-size}
 * without announcing its length.
 */
public class PayloadTooLargeException extends IOException {

	PayloadTooLargeException() {
		super("request body too large");
	}

}
