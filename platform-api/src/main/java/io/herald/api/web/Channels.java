package io.herald.api.web;

import java.util.Locale;

import io.herald.core.channel.Channel;
import io.herald.core.error.NotFoundException;

/**
 * Reads a channel named in a path: an unknown channel is a resource that does not exist.
 */
public final class Channels {

	private static final int MAX_NAME = 16;

	private Channels() {
	}

	public static Channel fromPath(String value) {
		if (value.length() <= MAX_NAME) {
			try {
				return Channel.valueOf(value.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				// not found below
			}
		}
		throw new NotFoundException("Channel '" + value + "'");
	}

}
