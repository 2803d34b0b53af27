package io.herald.core.channel;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.herald.core.error.InvalidInputException;

/**
 * The ways Herald can reach a recipient.
 */
public enum Channel {

	WEBHOOK, EMAIL, PUSH;

	private static final int MAX_NAME = 16;

	/**
	 * Reads a channel named in a request field (any case).
	 * @throws InvalidInputException naming {@code field} when the value is missing or no
	 * channel
	 */
	public static Channel parse(String field, String value) {
		String names = Arrays.stream(values()).map(Channel::name).collect(Collectors.joining(", "));
		if (value == null || value.isBlank()) {
			throw InvalidInputException.of(field, "is required (one of " + names + ")");
		}
		if (value.length() <= MAX_NAME) {
			try {
				return valueOf(value.trim().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				// reported below
			}
		}
		throw InvalidInputException.of(field, "must be one of " + names);
	}

}
