package io.herald.api.channel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.herald.core.error.FieldProblem;
import io.herald.api.web.ProblemException;
import io.herald.core.channel.Channel;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a tenant's provider settings for a channel and turns them into the flat JSON the
 * worker reads ({@code provider} plus the provider's fields); also masks the secret ones
 * for display.
 */
final class ProviderSettings {

	static final String MASK = "********";

	private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");

	private static final Pattern ACS_CONNECTION = Pattern
		.compile("(?i)endpoint=https://[^;]+;\\s*accesskey=[^;]+;?\\s*");

	private ProviderSettings() {
	}

	/** The validated settings as stored (encrypted) and handed to the worker. */
	static Map<String, Object> validate(Channel channel, JsonNode body, JsonMapper json) {
		if (body == null || !body.isObject()) {
			throw ProblemException.invalid("body", "must be a JSON object with a provider");
		}
		String provider = text(body, "provider");
		if (provider == null) {
			throw ProblemException.invalid("provider", "is required: " + providersOf(channel));
		}
		provider = provider.toUpperCase(Locale.ROOT);
		List<FieldProblem> errors = new ArrayList<>();
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("provider", provider);
		switch (channel.name() + "/" + provider) {
			case "EMAIL/ACS" -> acs(body, settings, errors);
			case "EMAIL/SMTP" -> smtp(body, settings, errors);
			case "PUSH/FCM" -> fcm(body, settings, errors, json);
			default -> errors.add(new FieldProblem("provider", "must be " + providersOf(channel)));
		}
		if (!errors.isEmpty()) {
			throw ProblemException.invalid(errors);
		}
		return settings;
	}

	/** The settings with every secret replaced by {@link #MASK}. */
	static Map<String, Object> masked(JsonNode stored, JsonMapper json) {
		Map<String, Object> view = new LinkedHashMap<>();
		String provider = text(stored, "provider");
		for (Map.Entry<String, JsonNode> field : stored.properties()) {
			String name = field.getKey();
			if (name.equals("provider")) {
				continue;
			}
			Object value = json.convertValue(field.getValue(), Object.class);
			view.put(name, switch (provider + "/" + name) {
				case "ACS/connectionString" -> maskConnectionString(String.valueOf(value));
				case "SMTP/password", "FCM/serviceAccountJson" -> MASK;
				default -> value;
			});
		}
		return view;
	}

	private static void acs(JsonNode body, Map<String, Object> settings, List<FieldProblem> errors) {
		String connection = required(body, "connectionString", errors);
		if (connection != null && !ACS_CONNECTION.matcher(connection).matches()) {
			errors.add(new FieldProblem("connectionString", "must look like endpoint=https://…;accesskey=…"));
		}
		String sender = required(body, "sender", errors);
		if (sender != null && !EMAIL.matcher(sender).matches()) {
			errors.add(new FieldProblem("sender", "must be an e-mail address"));
		}
		settings.put("connectionString", connection);
		settings.put("sender", sender);
	}

	private static void smtp(JsonNode body, Map<String, Object> settings, List<FieldProblem> errors) {
		String host = required(body, "host", errors);
		Integer port = port(body.get("port"), errors);
		String from = required(body, "from", errors);
		if (from != null && !EMAIL.matcher(from.replaceAll(".*<(.*)>.*", "$1")).matches()) {
			errors.add(new FieldProblem("from", "must be an e-mail address"));
		}
		settings.put("host", host);
		if (port != null) {
			settings.put("port", port);
		}
		String username = text(body, "username");
		if (username != null) {
			settings.put("username", username);
			settings.put("password", (text(body, "password") != null) ? text(body, "password") : "");
		}
		settings.put("from", from);
		JsonNode startTls = body.get("startTls");
		if (startTls != null && !startTls.isNull() && !startTls.isBoolean()) {
			errors.add(new FieldProblem("startTls", "must be true or false"));
		}
		settings.put("startTls", startTls != null && startTls.isBoolean() && startTls.asBoolean());
	}

	private static void fcm(JsonNode body, Map<String, Object> settings, List<FieldProblem> errors, JsonMapper json) {
		JsonNode account = body.get("serviceAccountJson");
		JsonNode parsed = null;
		if (account == null || account.isNull()) {
			errors.add(new FieldProblem("serviceAccountJson", "is required: the Firebase service account JSON"));
			return;
		}
		try {
			parsed = account.isString() ? json.readTree(account.asString()) : account;
		}
		catch (JacksonException ex) {
			errors.add(new FieldProblem("serviceAccountJson", "is not valid JSON"));
			return;
		}
		for (String field : List.of("project_id", "client_email", "private_key")) {
			if (text(parsed, field) == null) {
				errors.add(new FieldProblem("serviceAccountJson", "lacks " + field));
			}
		}
		settings.put("projectId", text(parsed, "project_id"));
		settings.put("clientEmail", text(parsed, "client_email"));
		settings.put("serviceAccountJson", json.writeValueAsString(parsed));
	}

	private static Integer port(JsonNode node, List<FieldProblem> errors) {
		if (node == null || node.isNull()) {
			return null;
		}
		try {
			int port = node.isNumber() ? node.asInt() : Integer.parseInt(node.asString().trim());
			if (port >= 1 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		errors.add(new FieldProblem("port", "must be a port number (1-65535)"));
		return null;
	}

	private static String maskConnectionString(String connection) {
		int key = connection.toLowerCase(Locale.ROOT).indexOf("accesskey=");
		return (key < 0) ? MASK : connection.substring(0, key + "accesskey=".length()) + MASK;
	}

	private static String required(JsonNode body, String field, List<FieldProblem> errors) {
		String value = text(body, field);
		if (value == null) {
			errors.add(new FieldProblem(field, "is required"));
		}
		return value;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		if (value == null || value.isNull() || !value.isValueNode()) {
			return null;
		}
		String text = value.asString();
		return (text == null || text.isBlank()) ? null : text.trim();
	}

	private static String providersOf(Channel channel) {
		return switch (channel) {
			case EMAIL -> "ACS or SMTP";
			case PUSH -> "FCM";
			case WEBHOOK -> "none (WEBHOOK subscriptions carry their own endpoint)";
		};
	}

}
