package io.herald.core.channel;

import java.util.Map;

/**
 * A tenant's provider settings for one channel, typed per provider. Every record checks
 * its own fields (length first, then shape), so that a value that exists is usable: the
 * API, the console and the worker share these types instead of string-keyed maps.
 * {@link ProviderSettingsJson} reads them from a request or the stored document and
 * writes them back.
 */
public sealed interface ProviderSettings permits AcsSettings, SmtpSettings, FcmSettings {

	/** What replaces a secret in {@link #masked()}. */
	String MASK = "********";

	/** The channel these settings serve. */
	Channel channel();

	/**
	 * The provider's name as tenants write it: {@code ACS}, {@code SMTP}, {@code FCM}.
	 */
	String provider();

	/** The fields for display, secrets replaced by {@link #MASK}. */
	Map<String, Object> masked();

	/** The providers a tenant may configure for a channel, for messages. */
	static String providersOf(Channel channel) {
		return switch (channel) {
			case EMAIL -> "ACS or SMTP";
			case PUSH -> "FCM";
			case WEBHOOK -> "none (WEBHOOK subscriptions carry their own endpoint)";
		};
	}

}
