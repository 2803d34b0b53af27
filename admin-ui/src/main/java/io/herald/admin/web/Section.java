package io.herald.admin.web;

/**
 * The console's sections in navigation order, with the names people and tests look for. A
 * section whose page is not built yet is listed as not yet available instead of linking
 * to nothing.
 */
enum Section {

	DASHBOARD("Dashboard", "/", Audience.EVERYONE, true),
	EVENT_TYPES("Event types", "/event-types", Audience.EVERYONE, true),
	TEMPLATES("Templates", "/templates", Audience.EVERYONE, true),
	SUBSCRIPTIONS("Subscriptions", "/subscriptions", Audience.EVERYONE, true),
	RECIPIENTS("Recipients", "/recipients", Audience.EVERYONE, true),
	NOTIFICATIONS("Notifications", "/notifications", Audience.EVERYONE, true),
	REPLAYS("Replays", "/replays", Audience.EVERYONE, true), CHANNELS("Channels", "/channels", Audience.EVERYONE, true),
	API_KEYS("API keys", "/api-keys", Audience.EVERYONE, true),
	AUDIT_LOG("Audit log", "/audit", Audience.EVERYONE, true), USERS("Users", "/users", Audience.EVERYONE, true),
	TENANTS("Tenants", "/tenants", Audience.OPERATORS, true),
	DEAD_LETTERS("Dead letters", "/dead-letters", Audience.OPERATORS, true),
	SANDBOX("Sandbox", "/sandbox", Audience.LOCAL_MODE, true);

	private final String label;

	private final String path;

	private final Audience audience;

	private final boolean available;

	Section(String label, String path, Audience audience, boolean available) {
		this.label = label;
		this.path = path;
		this.audience = audience;
		this.available = available;
	}

	String label() {
		return this.label;
	}

	String path() {
		return this.path;
	}

	Audience audience() {
		return this.audience;
	}

	boolean available() {
		return this.available;
	}

	enum Audience {

		EVERYONE, OPERATORS, LOCAL_MODE

	}

}
