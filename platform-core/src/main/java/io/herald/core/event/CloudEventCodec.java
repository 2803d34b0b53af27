package io.herald.core.event;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.herald.core.event.InvalidEventException.FieldProblem;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes CloudEvents 1.0 in structured JSON mode, checking the attributes
 * Herald relies on.
 */
@Component
public class CloudEventCodec {

	/** The sizes of the {@code event} table's columns. */
	private static final int MAX_ID_LENGTH = 200;

	private static final int MAX_TYPE_LENGTH = 200;

	private static final int MAX_SOURCE_LENGTH = 500;

	private static final int MAX_SUBJECT_LENGTH = 500;

	private static final int MAX_DATACONTENTTYPE_LENGTH = 100;

	private final JsonMapper json;

	public CloudEventCodec(JsonMapper json) {
		this.json = json;
	}

	public CloudEventEnvelope read(byte[] structuredJson) {
		JsonNode node;
		try {
			node = this.json.readTree(structuredJson);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException(List.of(new FieldProblem("body", "is not valid JSON")));
		}
		return read(node);
	}

	public CloudEventEnvelope read(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new InvalidEventException(List.of(new FieldProblem("body", "must be a JSON object")));
		}
		List<FieldProblem> problems = new ArrayList<>();
		String specversion = text(node, "specversion", true, problems);
		if (specversion != null && !CloudEventEnvelope.SPEC_VERSION.equals(specversion)) {
			problems.add(new FieldProblem("specversion", "must be 1.0"));
		}
		String id = attribute(node, "id", true, MAX_ID_LENGTH, problems);
		String source = attribute(node, "source", true, MAX_SOURCE_LENGTH, problems);
		String type = attribute(node, "type", true, MAX_TYPE_LENGTH, problems);
		String subject = attribute(node, "subject", false, MAX_SUBJECT_LENGTH, problems);
		Instant time = time(node, problems);
		String datacontenttype = attribute(node, "datacontenttype", false, MAX_DATACONTENTTYPE_LENGTH, problems);
		UUID tenant = tenant(node, problems);
		if (node.has("data_base64")) {
			problems.add(new FieldProblem("data_base64", "is not supported: send JSON data"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidEventException(problems);
		}
		JsonNode data = node.get("data");
		return new CloudEventEnvelope(id, source, type, subject, time, datacontenttype, data, tenant);
	}

	public byte[] write(CloudEventEnvelope event) {
		ObjectNode node = this.json.createObjectNode();
		node.put("specversion", CloudEventEnvelope.SPEC_VERSION);
		node.put("id", event.id());
		node.put("source", event.source());
		node.put("type", event.type());
		if (event.subject() != null) {
			node.put("subject", event.subject());
		}
		if (event.time() != null) {
			node.put("time", event.time().toString());
		}
		node.put("datacontenttype", (event.datacontenttype() != null) ? event.datacontenttype() : "application/json");
		if (event.tenantId() != null) {
			node.put(CloudEventEnvelope.TENANT_EXTENSION, event.tenantId().toString());
		}
		if (event.data() != null) {
			node.set("data", event.data());
		}
		return this.json.writeValueAsBytes(node);
	}

	public String dataAsString(CloudEventEnvelope event) {
		return (event.data() != null) ? this.json.writeValueAsString(event.data()) : null;
	}

	/**
	 * A string attribute that fits its column and holds no control characters (a NUL
	 * cannot be stored, a line break could forge log lines).
	 */
	private static String attribute(JsonNode node, String field, boolean required, int maxLength,
			List<FieldProblem> problems) {
		String value = text(node, field, required, problems);
		if (value == null) {
			return null;
		}
		if (value.length() > maxLength) {
			problems.add(new FieldProblem(field, "must be at most " + maxLength + " characters"));
			return null;
		}
		if (value.chars().anyMatch(CloudEventCodec::isControl)) {
			problems.add(new FieldProblem(field, "must not contain control characters"));
			return null;
		}
		return value;
	}

	private static boolean isControl(int c) {
		return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
	}

	private static String text(JsonNode node, String field, boolean required, List<FieldProblem> problems) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				problems.add(new FieldProblem(field, "is required"));
			}
			return null;
		}
		if (!value.isString() || (required && value.asString().isBlank())) {
			problems.add(new FieldProblem(field, "must be a non-empty string"));
			return null;
		}
		return value.asString();
	}

	private static Instant time(JsonNode node, List<FieldProblem> problems) {
		String time = text(node, "time", false, problems);
		if (time == null) {
			return null;
		}
		try {
			java.time.OffsetDateTime parsed = java.time.OffsetDateTime.parse(time);
			// RFC 3339 years have four digits; PostgreSQL's timestamptz could not store
			// all others
			if (parsed.getYear() < 1 || parsed.getYear() > 9999) {
				problems.add(new FieldProblem("time", "must be an RFC 3339 timestamp"));
				return null;
			}
			return parsed.toInstant();
		}
		catch (DateTimeParseException ex) {
			problems.add(new FieldProblem("time", "must be an RFC 3339 timestamp"));
			return null;
		}
	}

	private static UUID tenant(JsonNode node, List<FieldProblem> problems) {
		String tenant = text(node, CloudEventEnvelope.TENANT_EXTENSION, false, problems);
		if (tenant == null) {
			return null;
		}
		try {
			return UUID.fromString(tenant);
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldProblem(CloudEventEnvelope.TENANT_EXTENSION, "must be a tenant id (UUID)"));
			return null;
		}
	}

}
