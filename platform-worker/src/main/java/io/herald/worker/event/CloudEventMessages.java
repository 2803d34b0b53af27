package io.herald.worker.event;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.herald.core.event.CloudEventCodec;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.event.InvalidEventException;
import org.springframework.kafka.support.KafkaHeaders;
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

	/** Splits a batch of the binder's batch mode into its records, headers per record. */
	static List<Incoming> split(Message<List<byte[]>> batch) {
		List<byte[]> payloads = batch.getPayload();
		Object converted = batch.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
		if (converted instanceof List<?> list && list.size() != payloads.size()) {
			// never process a batch whose records and headers no longer line up
			throw new IllegalStateException(
					"batch of " + payloads.size() + " records came with headers of " + list.size());
		}
		List<Incoming> records = new ArrayList<>(payloads.size());
		for (int i = 0; i < payloads.size(); i++) {
			Map<String, Object> headers = (converted instanceof List<?> list && i < list.size()
					&& list.get(i) instanceof Map<?, ?> map) ? cast(map) : Map.of();
			records.add(new Incoming(payloads.get(i), headers));
		}
		return records;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

	CloudEventEnvelope read(Incoming record) {
		try {
			String prefix = binaryPrefix(record.headers());
			return (prefix != null) ? this.codec.read(binary(record, prefix))
					: this.codec.read(nonNull(record.payload()));
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

	private JsonNode binary(Incoming record, String prefix) {
		ObjectNode node = this.json.createObjectNode();
		record.headers().forEach((name, value) -> {
			if (name.startsWith(prefix) && name.length() > prefix.length()) {
				node.put(name.substring(prefix.length()), text(value));
			}
		});
		Object contentType = record.headers().get("content-type");
		if (contentType == null) {
			contentType = record.headers().get("contentType");
		}
		if (!node.has("datacontenttype") && contentType != null) {
			node.put("datacontenttype", text(contentType));
		}
		byte[] payload = record.payload();
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

	/** One record of a batch: its value and its mapped headers. */
	record Incoming(byte[] payload, Map<String, Object> headers) {
	}

}
