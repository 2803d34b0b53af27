package io.herald.core.subscription;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.core.audit.AuditLog;
import io.herald.core.channel.Channel;
import io.herald.core.error.ConflictException;
import io.herald.core.error.InvalidInputException;
import io.herald.core.error.NotFoundException;
import io.herald.core.error.UnknownReferenceException;
import io.herald.core.eventtype.EventType;
import io.herald.core.eventtype.EventTypeRepository;
import io.herald.core.secret.SecretCipher;
import io.herald.core.secret.SecretContext;
import io.herald.core.support.InputRules;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.herald.core.support.TimeKey;
import io.herald.core.template.TemplateRepository;
import io.herald.core.tenant.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's subscriptions, the facade of the feature. Webhook signing secrets are
 * generated here, shown once and stored encrypted; filters are type-checked before they
 * are saved.
 */
@Service
public class SubscriptionManagement {

	private static final String LIST = "subscriptions";

	private static final String SECRET_PREFIX = "whsec_";

	private final SecureRandom random = new SecureRandom();

	private final SubscriptionRepository subscriptions;

	private final EventTypeRepository eventTypes;

	private final TemplateRepository templates;

	private final SubscriptionFilters filters;

	private final SecretCipher cipher;

	private final InputRules rules;

	private final AuditLog audit;

	private final JdbcClient jdbc;

	private final Clock clock;

	SubscriptionManagement(SubscriptionRepository subscriptions, EventTypeRepository eventTypes,
			TemplateRepository templates, SubscriptionFilters filters, SecretCipher cipher, InputRules rules,
			AuditLog audit, JdbcClient jdbc, Clock clock) {
		this.subscriptions = subscriptions;
		this.eventTypes = eventTypes;
		this.templates = templates;
		this.filters = filters;
		this.cipher = cipher;
		this.rules = rules;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @throws UnknownReferenceException when the event type or a template of that name
	 * and channel does not exist
	 * @throws InvalidInputException for a bad field
	 */
	@Transactional
	public SubscriptionView create(TenantScope scope, SubscriptionDraft request) {
		this.rules.check(request);
		Channel channel = Channel.parse("channel", request.channel());
		String endpoint = SubscriptionRules.endpoint(channel, request.endpoint());
		String recipient = SubscriptionRules.recipient(request.recipient());
		String filter = SubscriptionRules.filter(request.filter());
		this.filters.check(filter);
		EventType eventType = this.eventTypes.findByTenantIdAndName(scope.tenantId(), request.eventType())
			.orElseThrow(() -> new UnknownReferenceException(
					"No event type named '" + request.eventType() + "': register it first", "eventType"));
		requireTemplate(scope, request.template(), channel);
		requireUnique(scope, null, eventType.getId(), request.template(), channel, endpoint, recipient);
		String secret = (channel == Channel.WEBHOOK) ? newSigningSecret() : null;
		Subscription subscription = this.subscriptions
			.saveAndFlush(new Subscription(scope.tenantId(), eventType.getId(), request.template(), channel, endpoint,
					(secret != null) ? this.cipher.encrypt(secret, SecretContext.webhookSigningSecret(scope.tenantId()))
							: null,
					recipient, filter, (request.enabled() == null) || request.enabled(), this.clock.instant()));
		this.audit.append(scope.actor(), scope.tenantId(), "subscription.created", "subscription",
				subscription.getId().toString(), details(subscription, eventType.getName()));
		return response(subscription, eventType.getName(), secret);
	}

	/**
	 * @throws NotFoundException when the tenant has no such subscription
	 */
	@Transactional
	public SubscriptionView update(TenantScope scope, UUID id, SubscriptionUpdate update) {
		this.rules.check(update);
		Subscription subscription = find(scope, id);
		String template = (update.template() != null) ? update.template() : subscription.getTemplateName();
		if (update.template() != null) {
			requireTemplate(scope, template, subscription.getChannel());
		}
		String endpoint = (update.endpoint() != null)
				? SubscriptionRules.endpoint(subscription.getChannel(), update.endpoint()) : subscription.getEndpoint();
		String recipient = (update.recipient() != null) ? SubscriptionRules.recipient(update.recipient())
				: subscription.getRecipientRule();
		String filter = (update.filter() != null) ? SubscriptionRules.filter(update.filter())
				: subscription.getFilter();
		this.filters.check(filter);
		boolean enabled = (update.enabled() != null) ? update.enabled() : subscription.isEnabled();
		requireUnique(scope, id, subscription.getEventTypeId(), template, subscription.getChannel(), endpoint,
				recipient);
		String eventType = eventTypeName(subscription);
		Map<String, Object> before = details(subscription, eventType);
		subscription.update(template, endpoint, recipient, filter, enabled, this.clock.instant());
		this.subscriptions.saveAndFlush(subscription);
		this.audit.appendChange(scope.actor(), scope.tenantId(), "subscription.updated", "subscription", id.toString(),
				Map.of("eventType", eventType), before, details(subscription, eventType));
		return response(subscription, eventType, null);
	}

	/**
	 * Deletes a subscription nothing was sent for yet; one with delivery history is
	 * disabled instead, so that the history keeps its subscription.
	 * @return whether the subscription was deleted (rather than disabled)
	 */
	@Transactional
	public boolean delete(TenantScope scope, UUID id) {
		Subscription subscription = find(scope, id);
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
		this.audit.append(scope.actor(), scope.tenantId(), used ? "subscription.disabled" : "subscription.deleted",
				"subscription", id.toString(), Map.of());
		return !used;
	}

	@Transactional(readOnly = true)
	public List<SubscriptionView> list(TenantScope scope) {
		Map<UUID, String> names = new LinkedHashMap<>();
		this.eventTypes.findAllByTenantIdOrderByNameAsc(scope.tenantId())
			.forEach((type) -> names.put(type.getId(), type.getName()));
		return this.subscriptions.findAllByTenantIdOrderByCreatedAtAsc(scope.tenantId())
			.stream()
			.map((subscription) -> response(subscription, names.get(subscription.getEventTypeId()), null))
			.toList();
	}

	/** A page of the tenant's subscriptions, oldest first. */
	@Transactional(readOnly = true)
	public Page<SubscriptionView> page(TenantScope scope, PageQuery query) {
		TimeKey after = query.oldestFirst(LIST);
		Page<Subscription> page = Page.of(
				this.subscriptions.pageByCreation(scope.tenantId(), after.at(), after.id(), query.fetchSize()), query,
				(subscription) -> new TimeKey(subscription.getCreatedAt(), subscription.getId()).cursor(LIST));
		Map<UUID, String> names = new LinkedHashMap<>();
		this.eventTypes.findAllById(page.items().stream().map(Subscription::getEventTypeId).distinct().toList())
			.forEach((type) -> names.put(type.getId(), type.getName()));
		return page.map((subscription) -> response(subscription, names.get(subscription.getEventTypeId()), null));
	}

	@Transactional(readOnly = true)
	public SubscriptionView get(TenantScope scope, UUID id) {
		Subscription subscription = find(scope, id);
		return response(subscription, eventTypeName(subscription), null);
	}

	private Subscription find(TenantScope scope, UUID id) {
		return this.subscriptions.findByIdAndTenantId(id, scope.tenantId())
			.orElseThrow(() -> new NotFoundException("Subscription"));
	}

	private void requireTemplate(TenantScope scope, String name, Channel channel) {
		boolean exists = this.templates.findLatestVersions(scope.tenantId())
			.stream()
			.anyMatch((template) -> template.getName().equals(name) && template.getChannel() == channel);
		if (!exists) {
			throw new UnknownReferenceException("No " + channel + " template named '" + name + "': create it first",
					"template");
		}
	}

	/**
	 * One subscription per natural key (event type, template, channel, endpoint,
	 * recipient rule), so that a retried create does not double every delivery; the
	 * unique index {@code subscription_natural_key_uk} guards concurrent ones.
	 * @throws ConflictException naming the existing subscription
	 */
	private void requireUnique(TenantScope scope, UUID self, UUID eventTypeId, String template, Channel channel,
			String endpoint, String recipient) {
		this.jdbc.sql("""
				select id from subscription
				 where tenant_id = ? and event_type_id = ? and template_name = ? and channel = ?
				   and coalesce(endpoint, '') = coalesce(?, '') and recipient_rule = ?
				   and duplicate_of is null and id <> ?
				 limit 1""")
			.params(scope.tenantId(), eventTypeId, template, channel.name(), endpoint, recipient,
					(self != null) ? self : new UUID(0, 0))
			.query(UUID.class)
			.optional()
			.ifPresent((existing) -> {
				throw new ConflictException("Subscription " + existing
						+ " already sends this event type with this template on this channel to this endpoint"
						+ " and recipient rule");
			});
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
		if (subscription.getRecipientRule() != null) {
			details.put("recipient", subscription.getRecipientRule());
		}
		if (subscription.getFilter() != null) {
			details.put("filter", subscription.getFilter());
		}
		return details;
	}

	private static SubscriptionView response(Subscription subscription, String eventType, String secret) {
		return new SubscriptionView(subscription.getId(), eventType, subscription.getTemplateName(),
				subscription.getChannel(), subscription.getEndpoint(), subscription.getRecipientRule(),
				subscription.getFilter(), subscription.isEnabled(), subscription.getCreatedAt(),
				subscription.getUpdatedAt(), secret);
	}

}
