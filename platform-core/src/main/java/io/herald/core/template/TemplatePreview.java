package io.herald.core.template;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.herald.core.channel.Channel;
import io.herald.core.error.InvalidInputException;
import io.herald.core.error.NotFoundException;
import io.herald.core.error.RenderFailedException;
import io.herald.core.error.UnknownReferenceException;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.eventtype.EventType;
import io.herald.core.eventtype.EventTypeRepository;
import io.herald.core.recipient.Recipient;
import io.herald.core.recipient.RecipientRepository;
import io.herald.core.subscription.SubscriptionRepository;
import io.herald.core.support.InputRules;
import io.herald.core.support.JsonText;
import io.herald.core.tenant.TenantScope;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Renders a template version against given data, an event type's sample payload, or (with
 * neither) the sample of an event type a subscription ties the template to. EMAIL bodies
 * are HTML: their variables are escaped exactly as when sent.
 */
@Service
public class TemplatePreview {

	private final TemplateManagement templates;

	private final EventTypeRepository eventTypes;

	private final SubscriptionRepository subscriptions;

	private final RecipientRepository recipients;

	private final TemplateContexts contexts;

	private final TemplateRenderer renderer;

	private final InputRules rules;

	private final JsonText json;

	private final Clock clock;

	TemplatePreview(TemplateManagement templates, EventTypeRepository eventTypes, SubscriptionRepository subscriptions,
			RecipientRepository recipients, TemplateContexts contexts, TemplateRenderer renderer, InputRules rules,
			JsonText json, Clock clock) {
		this.templates = templates;
		this.eventTypes = eventTypes;
		this.subscriptions = subscriptions;
		this.recipients = recipients;
		this.contexts = contexts;
		this.renderer = renderer;
		this.rules = rules;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * @param request what to render with; null for the defaults
	 * @throws NotFoundException when the tenant has no such template version
	 * @throws UnknownReferenceException for an unknown event type or recipient
	 * @throws RenderFailedException when the template cannot be rendered with the data
	 */
	@Transactional(readOnly = true)
	public RenderedTemplate preview(TenantScope scope, UUID templateId, TemplatePreviewRequest request) {
		Template template = this.templates.find(scope, templateId);
		TemplatePreviewRequest given = this.rules.check((request != null) ? request : TemplatePreviewRequest.NONE);
		Map<String, Object> context = context(scope, template.getName(), given);
		try {
			String subject = this.renderer.render(template.getSubject(), context);
			String body = this.renderer.render(template.getBody(), context, template.getChannel() == Channel.EMAIL);
			return new RenderedTemplate(subject, body);
		}
		catch (TemplateException ex) {
			throw new RenderFailedException(ex.getMessage());
		}
	}

	/**
	 * Renders text as it is being edited, exactly as a saved version would render, with
	 * the same data; a failure names the part (subject or body) that failed.
	 * @throws InvalidInputException when a part is too long
	 * @throws UnknownReferenceException for an unknown event type or recipient
	 * @throws RenderFailedException when the text does not parse or cannot be rendered
	 * with the data
	 */
	@Transactional(readOnly = true)
	public RenderedTemplate preview(TenantScope scope, UnsavedTemplate unsaved, TemplatePreviewRequest request) {
		this.rules.check(unsaved);
		TemplatePreviewRequest given = this.rules.check((request != null) ? request : TemplatePreviewRequest.NONE);
		Map<String, Object> context = context(scope, (unsaved.name() != null) ? unsaved.name() : "", given);
		String subject;
		try {
			subject = this.renderer.renderDraft(unsaved.subject(), context, false);
		}
		catch (TemplateException ex) {
			throw new RenderFailedException("Subject: " + ex.getMessage());
		}
		try {
			return new RenderedTemplate(subject,
					this.renderer.renderDraft(unsaved.body(), context, unsaved.channel() == Channel.EMAIL));
		}
		catch (TemplateException ex) {
			throw new RenderFailedException("Body: " + ex.getMessage());
		}
	}

	private Map<String, Object> context(TenantScope scope, String templateName, TemplatePreviewRequest given) {
		Optional<EventType> eventType = eventType(scope, templateName, given);
		JsonNode data = !JsonText.isAbsent(given.data()) ? given.data()
				: eventType.map((type) -> this.json.read(type.getSamplePayload())).orElse(null);
		Recipient recipient = recipient(scope, given.recipient());
		CloudEventEnvelope event = new CloudEventEnvelope("preview", "/herald/preview",
				eventType.map(EventType::getName).orElse("preview"),
				(recipient != null) ? recipient.getExternalId() : "preview", this.clock.instant(), "application/json",
				data, scope.tenantId());
		return this.contexts.of(event, data, recipient);
	}

	private Optional<EventType> eventType(TenantScope scope, String templateName, TemplatePreviewRequest request) {
		if (request.eventType() != null) {
			return Optional.of(this.eventTypes.findByTenantIdAndName(scope.tenantId(), request.eventType())
				.orElseThrow(() -> new UnknownReferenceException("No event type named '" + request.eventType() + "'",
						null)));
		}
		if (!JsonText.isAbsent(request.data())) {
			return Optional.empty();
		}
		return this.subscriptions.findAllByTenantIdOrderByCreatedAtAsc(scope.tenantId())
			.stream()
			.filter((subscription) -> subscription.getTemplateName().equals(templateName))
			.map((subscription) -> this.eventTypes.findByIdAndTenantId(subscription.getEventTypeId(), scope.tenantId()))
			.flatMap(Optional::stream)
			.filter((type) -> Objects.nonNull(type.getSamplePayload()))
			.findFirst();
	}

	private Recipient recipient(TenantScope scope, String externalId) {
		if (externalId == null) {
			return null;
		}
		return this.recipients.findByTenantIdAndExternalId(scope.tenantId(), externalId)
			.orElseThrow(() -> new UnknownReferenceException("No recipient with id '" + externalId + "'", null));
	}

}
