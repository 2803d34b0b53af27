package io.herald.api.eventtype;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

record EventTypeResponse(UUID id, String name, String description, JsonNode schema, JsonNode samplePayload,
		Instant createdAt, Instant updatedAt) {

}
