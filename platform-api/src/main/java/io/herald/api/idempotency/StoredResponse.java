package io.herald.api.idempotency;

import java.util.Map;

/**
 * The part of a response a replay repeats: status, the headers that describe the body or
 * the created resource, and the body.
 */
record StoredResponse(int status, Map<String, String> headers, byte[] body) {

	StoredResponse {
		headers = Map.copyOf(headers);
	}

	/**
	 * 2xx and final 4xx answers are kept; 5xx and the 4xx that say "try again" (408
	 * timeout, 425 too early, 429 rate limited) are not, so that a retry runs again.
	 */
	static boolean isFinal(int status) {
		return (status >= 200 && status < 300)
				|| (status >= 400 && status < 500 && status != 408 && status != 425 && status != 429);
	}

}
