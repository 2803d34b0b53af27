package io.herald.core.eventtype;

import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * Replaces an event type's description, schema and sample payload; the name stays (it may
 * be repeated, but not changed).
 */
public record EventTypeUpdate(@Size(max = 200) String name, @Size(max = 2000) String description, JsonNode schema,
		JsonNode samplePayload) {

}
