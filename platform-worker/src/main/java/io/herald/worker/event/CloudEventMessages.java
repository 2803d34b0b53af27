package io.herald.worker.event;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.herald.core.event.CloudEventCodec;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.event.InvalidEventException;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a CloudEvent from a Kafka message in either content mode: structured (the whole
 * event as JSON in the value) or binary (attributes in {@code ce_} headers, the data in
 * the value). Spring Cloud Function may already have renamed {@code ce_} headers to its
 * canonical {@code ce-}, so both prefixes are read.
 */
@Component
class CloudEventMessages {

	private static final String[] PREFIXES = { "ce_", "ce-" };

	private final CloudEventCodec codec;

	private final JsonMapper json;

	CloudEventMessages(CloudEventCodec codec, JsonMapper json) {
		this.codec = codec;
		this.json = json;
	}

	CloudEventEnvelope read(Message<byte[]> message) {
		try {
			String prefix = binaryPrefix(message.getHeaders());
			return (prefix != null) ? this.codec.read(binary(message, prefix))
					: this.codec.read(nonNull(message.getPayload()));
		}
		catch (InvalidEventException ex) {
			throw new DeadLetterException(
					"not a valid CloudEvent: " + String.join("; ",
							ex.problems().stream().map(InvalidEventException.FieldProblem::toString).toList()),
					null, null);
		}
	}

	private static String binaryPrefix(Map<String, Object> headers) {
		for (String prefix : PREFIXES) {
			if (headers.containsKey(prefix + "specversion")) {
				return prefix;
			}
		}
		return null;
	}

	private JsonNode binary(Message<byte[]> message, String prefix) {
		ObjectNode node = this.json.createObjectNode();
		message.getHeaders().forEach((name, value) -> {
			if (name.startsWith(prefix) && name.length() > prefix.length()) {
				node.put(name.substring(prefix.length()), text(value));
			}
		});
		Object contentType = message.getHeaders().get("content-type");
		if (!node.has("datacontenttype") && contentType != null) {
			node.put("datacontenttype", text(contentType));
		}
		byte[] payload = message.getPayload();
		if (payload != null && payload.length > 0) {
			node.set("data", data(payload, node));
		}
		return node;
	}

	private JsonNode data(byte[] payload, ObjectNode attributes) {
		try {
			return this.json.readTree(payload);
		}
		catch (JacksonException ex) {
			throw new DeadLetterException("binary-mode CloudEvent data is not JSON", null, text(attributes.get("id")));
		}
	}

	private static byte[] nonNull(byte[] payload) {
		return (payload != null) ? payload : new byte[0];
	}

	private static String text(Object value) {
		if (value instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		if (value instanceof JsonNode node) {
			return node.isString() ? node.asString() : null;
		}
		return (value != null) ? value.toString() : null;
	}

}
