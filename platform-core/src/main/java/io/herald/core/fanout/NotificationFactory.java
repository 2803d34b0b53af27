package io.herald.core.fanout;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.herald.core.channel.Channel;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.template.Template;
import io.herald.core.template.TemplateContexts;
import io.herald.core.template.TemplateException;
import io.herald.core.template.TemplateRenderer;
import io.herald.core.template.TemplateResolver;
import io.herald.core.tenant.Tenant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns one (subscription, target) into an outbox row: rendered and PENDING, SUPPRESSED
 * for an opt-out, or FAILED with the reason when there is no address, no template or the
 * template does not render. E-mail bodies escape variables for HTML; subjects never do.
 * The resolved template (versions are immutable) is kept for
 * {@code herald.worker.lookup-cache.ttl}, so a new version is used within seconds.
 */
@Component
public class NotificationFactory {

	private static final int CACHE_SIZE = 10_000;

	private final TemplateResolver templates;

	private final TemplateContexts contexts;

	private final TemplateRenderer renderer;

	private final Cache<TemplateKey, Template> resolved;

	NotificationFactory(TemplateResolver templates, TemplateContexts contexts, TemplateRenderer renderer,
			@Value("${herald.worker.lookup-cache.ttl:${herald.lookup-cache.ttl:5s}}") Duration cacheTtl) {
		this.templates = templates;
		this.contexts = contexts;
		this.renderer = renderer;
		this.resolved = Caffeine.newBuilder().maximumSize(CACHE_SIZE).expireAfterWrite(cacheTtl).build();
	}

	/** The outbox row for one target, not yet inserted. */
	public Notification create(SubscriptionSnapshot subscription, Target target, Tenant tenant,
			CloudEventEnvelope event, Instant now) {
		String address = (target instanceof Target.Reachable reachable) ? reachable.address() : null;
		Notification notification = new Notification(tenant.getId(), event.id(), event.type(), subscription.id(),
				subscription.channel(), target.key(), address, now);
		switch (target) {
			case Target.OptedOut optedOut -> notification.settle(NotificationStatus.SUPPRESSED, optedOut.reason(), now);
			case Target.Unreachable unreachable ->
				notification.settle(NotificationStatus.FAILED, unreachable.reason(), now);
			case Target.Reachable reachable -> render(notification, subscription, reachable, tenant, event, now);
		}
		return notification;
	}

	private void render(Notification notification, SubscriptionSnapshot subscription, Target.Reachable target,
			Tenant tenant, CloudEventEnvelope event, Instant now) {
		String recipientLocale = (target.profile() != null) ? target.profile().getLocale() : null;
		TemplateKey key = new TemplateKey(tenant.getId(), subscription.templateName(), subscription.channel(),
				recipientLocale, tenant.getDefaultLocale());
		Optional<Template> found = Optional.ofNullable(this.resolved.get(key,
				(k) -> this.templates
					.resolve(k.tenantId(), k.name(), k.channel(), k.recipientLocale(), k.tenantLocale())
					.orElse(null)));
		if (found.isEmpty()) {
			notification.settle(
					NotificationStatus.FAILED, "no template '" + subscription.templateName() + "' for the "
							+ subscription.channel() + " channel in the recipient's, the tenant's or the en locale",
					now);
			return;
		}
		Template template = found.get();
		Map<String, Object> context = this.contexts.of(event, event.data(), target.profile());
		try {
			String subject = this.renderer.render(template.getSubject(), context, false);
			String body = this.renderer.render(template.getBody(), context, template.getChannel() == Channel.EMAIL);
			notification.rendered(template.getId(), template.getVersion(), subject, body);
		}
		catch (TemplateException ex) {
			notification.rendered(template.getId(), template.getVersion(), null, null);
			notification.settle(NotificationStatus.FAILED, "template '" + template.getName() + "' version "
					+ template.getVersion() + " (" + template.getLocale() + ") failed to render: " + ex.getMessage(),
					now);
		}
	}

	private record TemplateKey(UUID tenantId, String name, Channel channel, String recipientLocale,
			String tenantLocale) {
	}

}
