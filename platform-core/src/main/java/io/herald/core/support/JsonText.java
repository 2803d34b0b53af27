package io.herald.core.support;

import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves JSON documents between request bodies and the text columns they are stored in.
 */
@Component
public class JsonText {

	private final JsonMapper json;

	public JsonText(JsonMapper json) {
		this.json = json;
	}

	/** {@code null} for a missing or JSON-null value; otherwise the node as JSON text. */
	public String write(JsonNode node) {
		return isAbsent(node) ? null : this.json.writeValueAsString(node);
	}

	/**
	 * Stored text back to a node; text that somehow is not JSON comes back as a string
	 * node.
	 */
	public JsonNode read(String text) {
		if (text == null) {
			return null;
		}
		try {
			return this.json.readTree(text);
		}
		catch (JacksonException ex) {
			return this.json.getNodeFactory().stringNode(text);
		}
	}

	public String write(Object value) {
		return this.json.writeValueAsString(value);
	}

	public static boolean isAbsent(JsonNode node) {
		return node == null || node.isNull() || node.isMissingNode();
	}

}
