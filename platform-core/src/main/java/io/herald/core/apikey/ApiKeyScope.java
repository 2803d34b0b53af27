package io.herald.core.apikey;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an API key may do. A key holds a set of scopes; every tenant endpoint requires
 * one.
 */
public enum ApiKeyScope {

	/** publish events */
	EVENTS_WRITE("events:write"),

	/** read event types, templates, subscriptions, recipients and channel settings */
	CONFIG_READ("config:read"),

	/** change them */
	CONFIG_WRITE("config:write"),

	/** read notifications, their attempts and the sandbox inbox */
	NOTIFICATIONS_READ("notifications:read"),

	/** start replays */
	REPLAYS_WRITE("replays:write"),

	/** list, issue, rotate and revoke the tenant's API keys */
	KEYS_ADMIN("keys:admin");

	private final String value;

	ApiKeyScope(String value) {
		this.value = value;
	}

	/** The scope as clients write it, e.g. {@code events:write}. */
	public String value() {
		return this.value;
	}

	public static Set<ApiKeyScope> all() {
		return EnumSet.allOf(ApiKeyScope.class);
	}

	public static Optional<ApiKeyScope> of(String value) {
		return Arrays.stream(values()).filter((scope) -> scope.value.equals(value)).findFirst();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
