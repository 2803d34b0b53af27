package io.herald.api.subscription;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.api.apikey.ApiCaller;
import io.herald.api.web.Channels;
import io.herald.api.web.ProblemException;
import io.herald.api.web.ProblemType;
import io.herald.core.audit.AuditLog;
import io.herald.core.channel.Channel;
import io.herald.core.eventtype.EventType;
import io.herald.core.eventtype.EventTypeRepository;
import io.herald.core.secret.SecretCipher;
import io.herald.core.subscription.Subscription;
import io.herald.core.subscription.SubscriptionFilters;
import io.herald.core.subscription.SubscriptionRepository;
import io.herald.core.template.TemplateRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's subscriptions. Webhook signing secrets are generated here, shown once and
 * stored encrypted; filters are type-checked before they are saved.
 */
@Service
class SubscriptionManagement {

	private static final String SECRET_PREFIX = "whsec_";

	private final SecureRandom random = new SecureRandom();

	private final SubscriptionRepository subscriptions;

	private final EventTypeRepository eventTypes;

	private final TemplateRepository templates;

	private final SubscriptionFilters filters;

	private final SecretCipher cipher;

	private final AuditLog audit;

	private final JdbcClient jdbc;

	private final Clock clock;

	SubscriptionManagement(SubscriptionRepository subscriptions, EventTypeRepository eventTypes,
			TemplateRepository templates, SubscriptionFilters filters, SecretCipher cipher, AuditLog audit,
			JdbcClient jdbc, Clock clock) {
		this.subscriptions = subscriptions;
		this.eventTypes = eventTypes;
		this.templates = templates;
		this.filters = filters;
		this.cipher = cipher;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	SubscriptionResponse create(ApiCaller caller, SubscriptionRequest request) {
		Channel channel = Channels.parse("channel", request.channel());
		String endpoint = SubscriptionRules.endpoint(channel, request.endpoint());
		String recipient = SubscriptionRules.recipient(request.recipient());
		String filter = SubscriptionRules.filter(request.filter());
		this.filters.check(filter);
		EventType eventType = this.eventTypes.findByTenantIdAndName(caller.tenantId(), request.eventType())
			.orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_REFERENCE,
					"No event type named '" + request.eventType() + "': register it first",
					Map.of("field", "eventType")));
		requireTemplate(caller, request.template(), channel);
		String secret = (channel == Channel.WEBHOOK) ? newSigningSecret() : null;
		Subscription subscription = this.subscriptions
			.saveAndFlush(new Subscription(caller.tenantId(), eventType.getId(), request.template(), channel, endpoint,
					(secret != null) ? this.cipher.encrypt(secret) : null, recipient, filter,
					(request.enabled() == null) || request.enabled(), this.clock.instant()));
		this.audit.append(caller.actor(), caller.tenantId(), "subscription.created", "subscription",
				subscription.getId().toString(), details(subscription, eventType.getName()));
		return response(subscription, eventType.getName(), secret);
	}

	@Transactional
	SubscriptionResponse update(ApiCaller caller, UUID id, SubscriptionUpdate update) {
		Subscription subscription = find(caller, id);
		String template = (update.template() != null) ? update.template() : subscription.getTemplateName();
		if (update.template() != null) {
			requireTemplate(caller, template, subscription.getChannel());
		}
		String endpoint = (update.endpoint() != null)
				? SubscriptionRules.endpoint(subscription.getChannel(), update.endpoint()) : subscription.getEndpoint();
		String recipient = (update.recipient() != null) ? SubscriptionRules.recipient(update.recipient())
				: subscription.getRecipientRule();
		String filter = (update.filter() != null) ? SubscriptionRules.filter(update.filter())
				: subscription.getFilter();
		this.filters.check(filter);
		boolean enabled = (update.enabled() != null) ? update.enabled() : subscription.isEnabled();
		subscription.update(template, endpoint, recipient, filter, enabled, this.clock.instant());
		this.subscriptions.saveAndFlush(subscription);
		String eventType = eventTypeName(subscription);
		this.audit.append(caller.actor(), caller.tenantId(), "subscription.updated", "subscription", id.toString(),
				details(subscription, eventType));
		return response(subscription, eventType, null);
	}

	/**
	 * Deletes a subscription nothing was sent for yet; one with delivery history is
	 * disabled instead, so that the history keeps its subscription.
	 * @return whether the subscription was deleted (rather than disabled)
	 */
	@Transactional
	boolean delete(ApiCaller caller, UUID id) {
		Subscription subscription = find(caller, id);
		boolean used = this.jdbc.sql("select exists(select 1 from notification where subscription_id = ?)")
			.param(id)
			.query(Boolean.class)
			.single();
		if (used) {
			subscription.update(subscription.getTemplateName(), subscription.getEndpoint(),
					subscription.getRecipientRule(), subscription.getFilter(), false, this.clock.instant());
			this.subscriptions.saveAndFlush(subscription);
		}
		else {
			this.subscriptions.delete(subscription);
			this.subscriptions.flush();
		}
		this.audit.append(caller.actor(), caller.tenantId(), used ? "subscription.disabled" : "subscription.deleted",
				"subscription", id.toString(), Map.of());
		return !used;
	}

	@Transactional(readOnly = true)
	List<SubscriptionResponse> list(ApiCaller caller) {
		Map<UUID, String> names = new LinkedHashMap<>();
		this.eventTypes.findAllByTenantIdOrderByNameAsc(caller.tenantId())
			.forEach((type) -> names.put(type.getId(), type.getName()));
		return this.subscriptions.findAllByTenantIdOrderByCreatedAtAsc(caller.tenantId())
			.stream()
			.map((subscription) -> response(subscription, names.get(subscription.getEventTypeId()), null))
			.toList();
	}

	@Transactional(readOnly = true)
	SubscriptionResponse get(ApiCaller caller, UUID id) {
		Subscription subscription = find(caller, id);
		return response(subscription, eventTypeName(subscription), null);
	}

	private Subscription find(ApiCaller caller, UUID id) {
		return this.subscriptions.findByIdAndTenantId(id, caller.tenantId())
			.orElseThrow(() -> ProblemException.notFound("Subscription"));
	}

	private void requireTemplate(ApiCaller caller, String name, Channel channel) {
		boolean exists = this.templates.findLatestVersions(caller.tenantId())
			.stream()
			.anyMatch((template) -> template.getName().equals(name) && template.getChannel() == channel);
		if (!exists) {
			throw new ProblemException(ProblemType.UNKNOWN_REFERENCE,
					"No " + channel + " template named '" + name + "': create it first", Map.of("field", "template"));
		}
	}

	private String eventTypeName(Subscription subscription) {
		return this.eventTypes.findByIdAndTenantId(subscription.getEventTypeId(), subscription.getTenantId())
			.map(EventType::getName)
			.orElse(null);
	}

	private String newSigningSecret() {
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
	}

	private static Map<String, Object> details(Subscription subscription, String eventType) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("eventType", eventType);
		details.put("template", subscription.getTemplateName());
		details.put("channel", subscription.getChannel().name());
		details.put("enabled", subscription.isEnabled());
		if (subscription.getEndpoint() != null) {
			details.put("endpoint", subscription.getEndpoint());
		}
		if (subscription.getFilter() != null) {
			details.put("filter", subscription.getFilter());
		}
		return details;
	}

	private static SubscriptionResponse response(Subscription subscription, String eventType, String secret) {
		return new SubscriptionResponse(subscription.getId(), eventType, subscription.getTemplateName(),
				subscription.getChannel(), subscription.getEndpoint(), subscription.getRecipientRule(),
				subscription.getFilter(), subscription.isEnabled(), subscription.getCreatedAt(),
				subscription.getUpdatedAt(), secret);
	}

}
