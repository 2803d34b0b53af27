package io.herald.core.subscription;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import io.herald.core.error.InvalidInputException;
import io.herald.core.channel.Channel;
import tools.jackson.core.JsonPointer;

/**
 * Field rules of a subscription that Bean Validation cannot express.
 */
final class SubscriptionRules {

	private SubscriptionRules() {
	}

	/** WEBHOOK needs an absolute http(s) URL; EMAIL and PUSH take no endpoint. */
	static String endpoint(Channel channel, String endpoint) {
		boolean blank = endpoint == null || endpoint.isBlank();
		if (channel != Channel.WEBHOOK) {
			if (!blank) {
				throw InvalidInputException.of("endpoint", "is only used by WEBHOOK subscriptions");
			}
			return null;
		}
		if (blank) {
			throw InvalidInputException.of("endpoint", "is required for WEBHOOK: an http(s) URL");
		}
		try {
			URI uri = new URI(endpoint.trim());
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
					|| uri.getUserInfo() != null) {
				throw InvalidInputException.of("endpoint", "must be an absolute http(s) URL without credentials");
			}
			return uri.toString();
		}
		catch (URISyntaxException ex) {
			throw InvalidInputException.of("endpoint", "is not a valid URL");
		}
	}

	/** {@code subject} or a JSON Pointer such as {@code /user/email}. */
	static String recipient(String recipient) {
		if (recipient == null || recipient.isBlank()) {
			return Subscription.RECIPIENT_FROM_SUBJECT;
		}
		if (recipient.equals(Subscription.RECIPIENT_FROM_SUBJECT)) {
			return recipient;
		}
		if (!recipient.startsWith("/")) {
			throw InvalidInputException.of("recipient",
					"must be \"subject\" or a JSON Pointer into the event data such as \"/user/email\"");
		}
		try {
			JsonPointer.compile(recipient);
			return recipient;
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInputException.of("recipient", "is not a valid JSON Pointer");
		}
	}

	static String filter(String filter) {
		return (filter == null || filter.isBlank()) ? null : filter;
	}

}
