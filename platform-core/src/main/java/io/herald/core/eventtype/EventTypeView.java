package io.herald.core.eventtype;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * An event type as callers see it; {@code schema} and {@code samplePayload} are JSON
 * documents (null when absent).
 */
public record EventTypeView(UUID id, String name, String description, JsonNode schema, JsonNode samplePayload,
		Instant createdAt, Instant updatedAt) {

}
