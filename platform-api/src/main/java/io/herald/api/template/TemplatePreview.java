package io.herald.api.template;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.herald.api.apikey.ApiCaller;
import io.herald.api.web.JsonText;
import io.herald.api.web.ProblemException;
import io.herald.api.web.ProblemType;
import io.herald.core.channel.Channel;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.eventtype.EventType;
import io.herald.core.eventtype.EventTypeRepository;
import io.herald.core.recipient.Recipient;
import io.herald.core.recipient.RecipientRepository;
import io.herald.core.subscription.SubscriptionRepository;
import io.herald.core.template.Template;
import io.herald.core.template.TemplateContexts;
import io.herald.core.template.TemplateException;
import io.herald.core.template.TemplateRenderer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Renders a template version against given data, an event type's sample payload, or (with
 * neither) the sample of an event type a subscription ties the template to. EMAIL bodies
 * are HTML: their variables are escaped exactly as when sent.
 */
@Service
class TemplatePreview {

	private final TemplateManagement templates;

	private final EventTypeRepository eventTypes;

	private final SubscriptionRepository subscriptions;

	private final RecipientRepository recipients;

	private final TemplateContexts contexts;

	private final TemplateRenderer renderer;

	private final JsonText json;

	private final Clock clock;

	TemplatePreview(TemplateManagement templates, EventTypeRepository eventTypes, SubscriptionRepository subscriptions,
			RecipientRepository recipients, TemplateContexts contexts, TemplateRenderer renderer, JsonText json,
			Clock clock) {
		this.templates = templates;
		this.eventTypes = eventTypes;
		this.subscriptions = subscriptions;
		this.recipients = recipients;
		this.contexts = contexts;
		this.renderer = renderer;
		this.json = json;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	PreviewResponse preview(ApiCaller caller, java.util.UUID templateId, PreviewRequest request) {
		Template template = this.templates.find(caller, templateId);
		PreviewRequest given = (request != null) ? request : new PreviewRequest(null, null, null);
		Optional<EventType> eventType = eventType(caller, template, given);
		JsonNode data = !JsonText.isAbsent(given.data()) ? given.data()
				: eventType.map((type) -> this.json.read(type.getSamplePayload())).orElse(null);
		Recipient recipient = recipient(caller, given.recipient());
		CloudEventEnvelope event = new CloudEventEnvelope("preview", "/herald/preview",
				eventType.map(EventType::getName).orElse("preview"),
				(recipient != null) ? recipient.getExternalId() : "preview", this.clock.instant(), "application/json",
				data, caller.tenantId());
		Map<String, Object> context = this.contexts.of(event, data, recipient);
		try {
			String subject = this.renderer.render(template.getSubject(), context);
			String body = this.renderer.render(template.getBody(), context, template.getChannel() == Channel.EMAIL);
			return new PreviewResponse(subject, body);
		}
		catch (TemplateException ex) {
			throw new ProblemException(ProblemType.TEMPLATE_RENDER_FAILED, ex.getMessage());
		}
	}

	private Optional<EventType> eventType(ApiCaller caller, Template template, PreviewRequest request) {
		if (request.eventType() != null) {
			return Optional.of(this.eventTypes.findByTenantIdAndName(caller.tenantId(), request.eventType())
				.orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_REFERENCE,
						"No event type named '" + request.eventType() + "'")));
		}
		if (!JsonText.isAbsent(request.data())) {
			return Optional.empty();
		}
		return this.subscriptions.findAllByTenantIdOrderByCreatedAtAsc(caller.tenantId())
			.stream()
			.filter((subscription) -> subscription.getTemplateName().equals(template.getName()))
			.map((subscription) -> this.eventTypes.findByIdAndTenantId(subscription.getEventTypeId(),
					caller.tenantId()))
			.flatMap(Optional::stream)
			.filter((type) -> Objects.nonNull(type.getSamplePayload()))
			.findFirst();
	}

	private Recipient recipient(ApiCaller caller, String externalId) {
		if (externalId == null) {
			return null;
		}
		return this.recipients.findByTenantIdAndExternalId(caller.tenantId(), externalId)
			.orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_REFERENCE,
					"No recipient with id '" + externalId + "'"));
	}

	/**
	 * @param data the event data to render with
	 * @param eventType an event type whose sample payload to use (and whose name
	 * {@code event.type} shows)
	 * @param recipient the external id of a recipient to render for
	 */
	record PreviewRequest(JsonNode data, String eventType, String recipient) {
	}

	record PreviewResponse(String subject, String body) {
	}

}
