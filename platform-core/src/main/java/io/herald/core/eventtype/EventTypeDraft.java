package io.herald.core.eventtype;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * Registers an event type. The {@code name} is what events carry in {@code type};
 * {@code schema} is a JSON Schema (an object, or its text) for the events' {@code data};
 * {@code samplePayload} is example data that must satisfy the schema and feeds template
 * previews.
 */
public record EventTypeDraft(@NotBlank @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:/-]*",
		message = "must start with a letter or digit and contain only letters, digits and . _ : / -") String name,
		@Size(max = 2000) String description, JsonNode schema, JsonNode samplePayload) {

}
