package io.herald.api.apikey;

import java.util.List;
import java.util.Map;

import io.herald.core.apikey.ApiKeyScope;

/**
 * Which scope each tenant endpoint needs, by path under {@code /api/v1} and method: reads
 * of configuration need {@code config:read}, its changes {@code config:write}, and so on.
 * A path not listed here needs {@code keys:admin}, the scope only full keys hold, so that
 * an endpoint added without a rule is never open to narrow keys.
 */
public final class ScopeRules {

	private static final String BASE = "/api/v1/";

	private static final List<String> CONFIG = List.of("event-types", "templates", "subscriptions", "recipients",
			"channels", "audit");

	private static final Map<String, ApiKeyScope> FIXED = Map.of("events", ApiKeyScope.EVENTS_WRITE, "api-keys",
			ApiKeyScope.KEYS_ADMIN, "notifications", ApiKeyScope.NOTIFICATIONS_READ, "sandbox",
			ApiKeyScope.NOTIFICATIONS_READ);

	private ScopeRules() {
	}

	/**
	 * The scope a call of {@code method} on {@code path} (without context path) needs.
	 */
	public static ApiKeyScope required(String method, String path) {
		String section = section(path);
		// a resend changes delivery, it is a replay of one notification
		if (section.equals("notifications") && path.endsWith("/resend")) {
			return ApiKeyScope.REPLAYS_WRITE;
		}
		boolean read = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
		// reading a stored event and its explanation is reading what was notified
		if (section.equals("events") && read) {
			return ApiKeyScope.NOTIFICATIONS_READ;
		}
		ApiKeyScope fixed = FIXED.get(section);
		if (fixed != null) {
			return fixed;
		}
		if (CONFIG.contains(section)) {
			// a template preview renders without changing anything
			boolean preview = section.equals("templates") && path.endsWith("/preview");
			return (read || preview) ? ApiKeyScope.CONFIG_READ : ApiKeyScope.CONFIG_WRITE;
		}
		if (section.equals("replays")) {
			return read ? ApiKeyScope.NOTIFICATIONS_READ : ApiKeyScope.REPLAYS_WRITE;
		}
		return ApiKeyScope.KEYS_ADMIN;
	}

	private static String section(String path) {
		if (!path.startsWith(BASE)) {
			return "";
		}
		int end = path.indexOf('/', BASE.length());
		return path.substring(BASE.length(), (end >= 0) ? end : path.length());
	}

}
