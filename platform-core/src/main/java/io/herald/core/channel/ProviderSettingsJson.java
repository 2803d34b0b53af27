package io.herald.core.channel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.herald.core.error.FieldProblem;
import io.herald.core.error.InvalidInputException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@link ProviderSettings} from a tenant's JSON (a request body) and from the
 * stored document, and writes the stored document: {@code provider} plus the provider's
 * fields, flat, encrypted at rest by the caller.
 */
@Component
public class ProviderSettingsJson {

	private final JsonMapper json;

	public ProviderSettingsJson(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The settings a tenant sent for a channel.
	 * @throws InvalidInputException naming every bad field
	 */
	public ProviderSettings read(Channel channel, JsonNode body) {
		if (body == null || !body.isObject()) {
			throw InvalidInputException.of("body", "must be a JSON object with a provider");
		}
		String provider = text(body, "provider");
		if (provider == null) {
			throw InvalidInputException.of("provider", "is required: " + ProviderSettings.providersOf(channel));
		}
		return switch (channel.name() + "/" + provider.toUpperCase(Locale.ROOT)) {
			case "EMAIL/ACS" -> new AcsSettings(text(body, "connectionString"), text(body, "sender"));
			case "EMAIL/SMTP" -> smtp(body);
			case "PUSH/FCM" -> fcm(body.get("serviceAccountJson"));
			default -> throw InvalidInputException.of("provider", "must be " + ProviderSettings.providersOf(channel));
		};
	}

	/**
	 * The body with the stored secret in place of a secret left blank, when the body is
	 * for the same provider as the stored settings: a form can then leave the secret out
	 * instead of showing it.
	 */
	public JsonNode withStoredSecret(JsonNode body, ProviderSettings stored) {
		if (!(body instanceof ObjectNode object) || !stored.provider().equalsIgnoreCase(text(body, "provider"))) {
			return body;
		}
		ObjectNode merged = object.deepCopy();
		switch (stored) {
			case AcsSettings acs -> keep(merged, "connectionString", acs.connectionString());
			case SmtpSettings smtp -> keep(merged, "password", smtp.password());
			case FcmSettings fcm -> keep(merged, "serviceAccountJson", fcm.serviceAccountJson());
		}
		return merged;
	}

	private static void keep(ObjectNode body, String field, String secret) {
		if (secret != null && text(body, field) == null) {
			body.put(field, secret);
		}
	}

	/** Settings as stored by {@link #write(ProviderSettings)}. */
	public ProviderSettings readStored(String document) {
		JsonNode stored = this.json.readTree(document);
		String provider = text(stored, "provider");
		return switch (String.valueOf(provider)) {
			case "ACS" -> new AcsSettings(text(stored, "connectionString"), text(stored, "sender"));
			case "SMTP" -> new SmtpSettings(text(stored, "host"),
					stored.hasNonNull("port") ? stored.get("port").asInt() : null, text(stored, "username"),
					rawText(stored, "password"), text(stored, "from"), stored.path("startTls").asBoolean(false));
			case "FCM" -> new FcmSettings(text(stored, "projectId"), text(stored, "clientEmail"),
					rawText(stored, "serviceAccountJson"));
			default -> throw new IllegalStateException("unknown stored provider " + provider);
		};
	}

	/** The document to encrypt and store. */
	public String write(ProviderSettings settings) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("provider", settings.provider());
		switch (settings) {
			case AcsSettings acs -> {
				document.put("connectionString", acs.connectionString());
				document.put("sender", acs.sender());
			}
			case SmtpSettings smtp -> {
				document.put("host", smtp.host());
				if (smtp.port() != null) {
					document.put("port", smtp.port());
				}
				if (smtp.username() != null) {
					document.put("username", smtp.username());
					document.put("password", smtp.password());
				}
				document.put("from", smtp.from());
				document.put("startTls", smtp.startTls());
			}
			case FcmSettings fcm -> {
				document.put("projectId", fcm.projectId());
				document.put("clientEmail", fcm.clientEmail());
				document.put("serviceAccountJson", fcm.serviceAccountJson());
			}
		}
		return this.json.writeValueAsString(document);
	}

	private static SmtpSettings smtp(JsonNode body) {
		Integer port = null;
		JsonNode portNode = body.get("port");
		JsonNode startTls = body.get("startTls");
		List<FieldProblem> problems = new ArrayList<>();
		if (portNode != null && !portNode.isNull()) {
			port = port(portNode);
			if (port == null) {
				problems.add(new FieldProblem("port", "must be a port number (1-65535)"));
			}
		}
		if (startTls != null && !startTls.isNull() && !startTls.isBoolean()) {
			problems.add(new FieldProblem("startTls", "must be true or false"));
		}
		SmtpSettings settings;
		try {
			settings = new SmtpSettings(text(body, "host"), port, text(body, "username"), text(body, "password"),
					text(body, "from"), startTls != null && startTls.isBoolean() && startTls.asBoolean());
		}
		catch (InvalidInputException ex) {
			problems.addAll(ex.problems());
			settings = null;
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return settings;
	}

	private FcmSettings fcm(JsonNode account) {
		if (account == null || account.isNull()) {
			throw InvalidInputException.of("serviceAccountJson", "is required: the Firebase service account JSON");
		}
		if (account.isString() && account.asString().length() > FcmSettings.MAX_SERVICE_ACCOUNT) {
			throw InvalidInputException.of("serviceAccountJson",
					"must be at most " + FcmSettings.MAX_SERVICE_ACCOUNT + " characters");
		}
		JsonNode parsed;
		try {
			parsed = account.isString() ? this.json.readTree(account.asString()) : account;
		}
		catch (JacksonException ex) {
			throw InvalidInputException.of("serviceAccountJson", "is not valid JSON");
		}
		List<FieldProblem> problems = new ArrayList<>();
		if (text(parsed, "private_key") == null) {
			problems.add(new FieldProblem("serviceAccountJson", "lacks private_key"));
		}
		FcmSettings settings = null;
		try {
			settings = new FcmSettings(text(parsed, "project_id"), text(parsed, "client_email"),
					this.json.writeValueAsString(parsed));
		}
		catch (InvalidInputException ex) {
			problems.addAll(0, ex.problems());
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return settings;
	}

	private static Integer port(JsonNode node) {
		try {
			int port;
			if (node.isIntegralNumber()) {
				port = node.asInt();
			}
			else if (node.isString() && node.asString().length() <= 5) {
				port = Integer.parseInt(node.asString().trim());
			}
			else {
				return null;
			}
			return (port >= 1 && port <= 65535) ? port : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** A trimmed text value; null when missing, blank or not a single value. */
	private static String text(JsonNode node, String field) {
		String text = rawText(node, field);
		return (text == null || text.isBlank()) ? null : text.trim();
	}

	private static String rawText(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		if (value == null || value.isNull() || !value.isValueNode()) {
			return null;
		}
		return value.asString();
	}

}
