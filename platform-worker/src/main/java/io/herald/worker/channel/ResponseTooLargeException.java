package io.herald.worker.channel;

import java.io.IOException;

/** A remote server sent more than Herald reads from it. */
final class ResponseTooLargeException extends IOException {

	ResponseTooLargeException(long limit) {
		super("the server sent more than " + limit + " bytes");
	}

}
