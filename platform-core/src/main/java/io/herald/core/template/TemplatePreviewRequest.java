package io.herald.core.template;

import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * What to render a template version with; every part is optional.
 *
 * @param data the event data to render with
 * @param eventType an event type whose sample payload to use (and whose name
 * {@code event.type} shows)
 * @param recipient the external id of a recipient to render for
 */
public record TemplatePreviewRequest(JsonNode data, @Size(max = 200) String eventType,
		@Size(max = 200) String recipient) {

	public static final TemplatePreviewRequest NONE = new TemplatePreviewRequest(null, null, null);

}
