package io.herald.admin.eventtype;

import jakarta.validation.constraints.Size;

/**
 * The event type form as typed: the schema and the sample are JSON text, parsed on submit
 * so that a syntax error is shown next to its field.
 *
 * @param name the event type's name (fixed once created)
 * @param description what the fact means
 * @param schema a JSON Schema for the events' data, or blank
 * @param sample example data, or blank
 */
record EventTypeForm(@Size(max = 200, message = "At most 200 characters.") String name,
		@Size(max = 2000, message = "At most 2000 characters.") String description,
		@Size(max = 65536, message = "At most 64 KB.") String schema,
		@Size(max = 65536, message = "At most 64 KB.") String sample) {

	static EventTypeForm empty() {
		return new EventTypeForm("", "", "", "");
	}

}
