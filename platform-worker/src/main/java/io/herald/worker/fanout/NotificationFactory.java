package io.herald.worker.fanout;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.herald.core.channel.Channel;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.template.Template;
import io.herald.core.template.TemplateContexts;
import io.herald.core.template.TemplateException;
import io.herald.core.template.TemplateRenderer;
import io.herald.core.template.TemplateResolver;
import org.springframework.stereotype.Component;

/**
 * Turns one (subscription, target) into an outbox row: rendered and PENDING, SUPPRESSED
 * for an opt-out, or FAILED with the reason when there is no address, no template or the
 * template does not render. E-mail bodies escape variables for HTML; subjects never do.
 */
@Component
class NotificationFactory {

	private final TemplateResolver templates;

	private final TemplateContexts contexts;

	private final TemplateRenderer renderer;

	NotificationFactory(TemplateResolver templates, TemplateContexts contexts, TemplateRenderer renderer) {
		this.templates = templates;
		this.contexts = contexts;
		this.renderer = renderer;
	}

	Notification create(MatchingSubscription subscription, Target target, AcceptedEvent accepted, Instant now) {
		String address = (target instanceof Target.Reachable reachable) ? reachable.address() : null;
		Notification notification = new Notification(accepted.tenantId(), accepted.eventId(), accepted.event().type(),
				subscription.id(), subscription.channel(), target.key(), address, now);
		switch (target) {
			case Target.OptedOut optedOut -> notification.settle(NotificationStatus.SUPPRESSED, optedOut.reason(), now);
			case Target.Unreachable unreachable ->
				notification.settle(NotificationStatus.FAILED, unreachable.reason(), now);
			case Target.Reachable reachable -> render(notification, subscription, reachable, accepted, now);
		}
		return notification;
	}

	private void render(Notification notification, MatchingSubscription subscription, Target.Reachable target,
			AcceptedEvent accepted, Instant now) {
		String recipientLocale = (target.profile() != null) ? target.profile().getLocale() : null;
		Optional<Template> found = this.templates.resolve(accepted.tenantId(), subscription.templateName(),
				subscription.channel(), recipientLocale, accepted.tenant().getDefaultLocale());
		if (found.isEmpty()) {
			notification.settle(
					NotificationStatus.FAILED, "no template '" + subscription.templateName() + "' for the "
							+ subscription.channel() + " channel in the recipient's, the tenant's or the en locale",
					now);
			return;
		}
		Template template = found.get();
		Map<String, Object> context = this.contexts.of(accepted.event(), accepted.event().data(), target.profile());
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

}
