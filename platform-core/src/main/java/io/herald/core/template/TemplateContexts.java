package io.herald.core.template;

import java.util.LinkedHashMap;
import java.util.Map;

import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.recipient.Recipient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds what a template sees: {@code event} (the CloudEvent attributes), {@code data}
 * (the event's data) and {@code recipient} (the resolved profile, when there is one).
 */
@Component
public class TemplateContexts {

	private final JsonMapper json;

	TemplateContexts(JsonMapper json) {
		this.json = json;
	}

	public Map<String, Object> of(CloudEventEnvelope event, JsonNode data, Recipient recipient) {
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("event", eventAttributes(event));
		context.put("data", (data != null && !data.isNull()) ? this.json.convertValue(data, Object.class) : Map.of());
		context.put("recipient", (recipient != null) ? recipient(recipient) : Map.of());
		return context;
	}

	/**
	 * The attributes as a CEL filter or a template sees them; absent ones are empty
	 * strings.
	 */
	public static Map<String, Object> eventAttributes(CloudEventEnvelope event) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("id", event.id());
		attributes.put("source", event.source());
		attributes.put("type", event.type());
		attributes.put("subject", (event.subject() != null) ? event.subject() : "");
		attributes.put("time", (event.time() != null) ? event.time().toString() : "");
		attributes.put("datacontenttype", (event.datacontenttype() != null) ? event.datacontenttype() : "");
		return attributes;
	}

	private static Map<String, Object> recipient(Recipient recipient) {
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("externalId", recipient.getExternalId());
		profile.put("email", recipient.getEmail());
		profile.put("phone", recipient.getPhone());
		profile.put("locale", recipient.getLocale());
		profile.put("timeZone", recipient.getTimeZone());
		return profile;
	}

}
