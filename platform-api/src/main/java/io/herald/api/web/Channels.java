package io.herald.api.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.herald.core.channel.Channel;

/**
 * Reads a channel name from a request, with a per-field error instead of a parse failure.
 */
public final class Channels {

	private static final String NAMES = Arrays.stream(Channel.values())
		.map(Channel::name)
		.collect(Collectors.joining(", "));

	private Channels() {
	}

	public static Channel parse(String field, String value) {
		if (value == null || value.isBlank()) {
			throw ProblemException.invalid(field, "is required (one of " + NAMES + ")");
		}
		try {
			return Channel.valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalid(field, "must be one of " + NAMES);
		}
	}

	/** For path variables: an unknown channel is a resource that does not exist. */
	public static Channel fromPath(String value) {
		try {
			return Channel.valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.notFound("Channel '" + value + "'");
		}
	}

}
